import { createHash } from 'node:crypto';
import type { ActivityRecord } from '@omnifolio/shared/schemas';

/**
 * Statement rows carry no id we can trust (SwissBorg has none; bank reference numbers are
 * blanked in anonymized copies and reused across products), so an activity is keyed by its
 * content. Two identical rows in one statement (two equal payouts in the same minute) are
 * told apart by their occurrence number, which two overlapping statements agree on: the
 * same movement from a monthly and a yearly statement is stored once.
 */
export function fingerprintActivities(providerId: string, activities: ActivityRecord[], prefix = 'fp:'): ActivityRecord[] {
  const seen = new Map<string, number>();
  return activities.map((a) => {
    if (a.providerRef) return a;
    const content = JSON.stringify([providerId, a.accountKey, a.type, a.executedAt, a.asset, a.quantity, a.quoteAsset, a.price, a.fee, a.feeAsset]);
    const occurrence = seen.get(content) ?? 0;
    seen.set(content, occurrence + 1);
    const digest = createHash('sha256').update(`${content}#${occurrence}`).digest('hex').slice(0, 32);
    return { ...a, providerRef: `${prefix}${digest}` };
  });
}
