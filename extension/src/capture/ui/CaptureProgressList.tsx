import type { CaptureItem } from '../run-capture';

const STATE_WORDS: Record<CaptureItem['state'], string> = {
  waiting: 'Waiting',
  reading: 'Reading from the page…',
  sending: 'Sending to the companion…',
  done: 'Captured',
  failed: 'Not captured',
  skipped: 'Skipped',
};

/** Every document and table of the capture, with what happened to it. */
export function CaptureProgressList({ items }: { items: CaptureItem[] }) {
  return (
    <ul className="items" data-testid="capture-items">
      {items.map((item) => (
        <li key={item.key} className="item" data-testid="capture-item" data-state={item.state} data-status={item.status ?? ''}>
          <div className="item-label">{item.label}</div>
          <div className="item-file">{item.filename}</div>
          <div className={item.state === 'failed' ? 'problem' : 'muted'} data-testid="capture-item-outcome">
            {item.outcome ?? STATE_WORDS[item.state]}
          </div>
        </li>
      ))}
    </ul>
  );
}
