import { Decimal } from '@omnifolio/shared/money';
import type { ActivityType } from '@omnifolio/shared/schemas';

/**
 * Activities read from a page's table carry the page's rounding (Finpension shows a fee of
 * 1.324 as 1.32) and miss details a statement file has (SwissBorg's grid has no note, so a
 * yield payout looks like any reward). The same movement captured from the page and from
 * the statement file would then be two records with different fingerprints, and counted
 * twice. So a page's activity is kept under a `page:` reference and gives way to the
 * statement file's exact record of the same movement, whichever arrives first.
 */
export const DISPLAYED_REF_PREFIX = 'page:';

export interface MovementKey {
  type: ActivityType | string;
  executedAt: string;
  asset: string;
  quantity: string;
}

/** Types a page may not tell apart from each other. */
const SAME_KIND: Record<string, string> = { interest: 'reward' };
const kindOf = (type: string) => SAME_KIND[type] ?? type;

/** Decimals of a stored decimal string: what the page showed (trailing zeros dropped). */
const decimalsOf = (quantity: string) => /\.(\d+)$/.exec(quantity)?.[1]?.length ?? 0;

/**
 * True when `displayed` (from a page) is `exact` (from a statement file) as the page shows it:
 * same kind, asset and day, and the quantities within one unit of the page's last digit
 * (pages round or cut off).
 */
export function isSameMovement(exact: MovementKey, displayed: MovementKey): boolean {
  if (kindOf(exact.type) !== kindOf(displayed.type)) return false;
  if (exact.asset !== displayed.asset || exact.executedAt.slice(0, 10) !== displayed.executedAt.slice(0, 10)) return false;
  const unit = new Decimal(10).pow(-decimalsOf(displayed.quantity));
  return new Decimal(exact.quantity).minus(displayed.quantity).abs().lt(unit);
}
