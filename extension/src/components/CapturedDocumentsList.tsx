import type { DocumentView } from '@omnifolio/shared/api';
import { describeDocument } from '../capture/describe-document';
import { RelativeTime } from './RelativeTime';

/** Every statement the companion holds, with what it made of it. */
export function CapturedDocumentsList({ documents }: { documents: DocumentView[] }) {
  if (documents.length === 0) {
    return <p className="text-muted">No statements yet. Open a provider’s web app and click “Capture statements to Omnifolio”.</p>;
  }
  return (
    <ul className="rows" data-testid="documents-list">
      {documents.map((d) => (
        <li key={d.id} className="row" data-testid="document-row" data-status={d.status}>
          <span>
            <strong>{d.filename}</strong>
            <span className="text-muted">
              {' '}
              · {d.providerId ?? 'unknown provider'} · {d.source} · <RelativeTime iso={d.capturedAt} />
            </span>
            <br />
            <span data-testid="document-outcome">{describeDocument({ ...d, duplicate: false })}</span>
          </span>
        </li>
      ))}
    </ul>
  );
}
