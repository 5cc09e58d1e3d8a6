import type { Overview } from '@omnifolio/shared/api';
import { formatQuantity } from '@omnifolio/shared/money';
import { plural } from '../lib/format';

/** Says which assets the total leaves out because nothing prices them. */
export function UnpricedNote({ unpriced }: { unpriced: Overview['unpriced'] }) {
  if (unpriced.length === 0) return null;
  return (
    <p className="panel__footnote" data-testid="unpriced-note">
      Not in the total: {plural(unpriced.length, 'unpriced asset')} ({unpriced.map((u) => `${formatQuantity(u.quantity)} ${u.symbol}`).join(', ')}). No price
      source knows {unpriced.length === 1 ? 'it' : 'them'}, so {unpriced.length === 1 ? 'it is' : 'they are'} shown as unpriced, not as zero.
    </p>
  );
}
