import { formatRelativeTime, formatTimestamp } from '../lib/format';

/** "3 minutes ago", with the exact time on hover and for screen readers' `dateTime`. */
export function RelativeTime({ iso }: { iso: string }) {
  return (
    <time dateTime={iso} title={formatTimestamp(iso)}>
      {formatRelativeTime(iso)}
    </time>
  );
}
