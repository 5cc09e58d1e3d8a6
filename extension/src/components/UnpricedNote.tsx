import type { Overview } from '@omnifolio/shared/api';
import { formatQuantity } from '@omnifolio/shared/money';
import { plural } from '../lib/format';

/**
 * Says which assets the total leaves out because nothing prices them. Unlisted tokens without a
 * price (spam and dust, hidden in the holdings) are counted, not named.
 */
export function UnpricedNote({ unpriced, holdings }: { unpriced: Overview['unpriced']; holdings: Overview['holdings'] }) {
  const unlisted = new Set(holdings.filter((h) => h.unlisted).map((h) => h.assetId));
  const named = unpriced.filter((u) => !unlisted.has(u.assetId));
  const hiddenCount = unpriced.length - named.length;
  if (unpriced.length === 0) return null;
  const hidden = hiddenCount > 0 ? `${plural(hiddenCount, 'unlisted token')} without a price (hidden in the holdings)` : null;
  return (
    <p className="panel__footnote" data-testid="unpriced-note">
      {named.length > 0 ? (
        <>
          Not in the total: {plural(named.length, 'unpriced asset')} ({named.map((u) => `${formatQuantity(u.quantity)} ${u.symbol}`).join(', ')}). No price
          source knows {named.length === 1 ? 'it' : 'them'}, so {named.length === 1 ? 'it is' : 'they are'} shown as unpriced, not as zero.
          {hidden !== null && ` Also left out: ${hidden}.`}
        </>
      ) : (
        `Not in the total: ${hidden}.`
      )}
    </p>
  );
}
