import type { DocumentView } from '@omnifolio/shared/api';

/** What the companion made of a document, in one line a person reads. */
export function describeDocument(document: DocumentView): string {
  const again = document.duplicate ? ' (already captured before; kept once)' : '';
  switch (document.status) {
    case 'parsed': {
      const parts = [count(document.summary?.activities ?? 0, 'activity', 'activities'), count(document.summary?.holdings ?? 0, 'holding', 'holdings')];
      const asOf = document.summary?.statementDate ? ` as of ${document.summary.statementDate}` : '';
      return `Parsed: ${parts.join(', ')}${asOf}${again}`;
    }
    case 'failed': {
      const where = document.error?.location ? ` (${document.error.location})` : '';
      return `Failed: ${document.error?.message ?? 'the parser stopped without a reason'}${where}${again}`;
    }
    case 'unrecognized':
      return `Not recognized: ${(document.error?.message ?? 'no parser knows this file').replace(/\.+$/, '')}. The file is kept${again}`;
    case 'pending':
      return `Stored, waiting to be parsed${again}`;
  }
}

function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}
