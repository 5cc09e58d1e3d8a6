import { formatMoney } from '@omnifolio/shared/money';
import { pickValue, shownCurrency } from './format';
import type { CompanionProbe } from './probe';

export interface BadgeState {
  text: string;
  /** Background colour of the badge. */
  color: string;
  /** The toolbar button's tooltip: says in words what the badge means. */
  title: string;
}

export const BADGE_COLORS = {
  ok: '#1e8e3e',
  error: '#d93025',
  idle: '#80868b',
} as const;

/**
 * The toolbar badge for one look at the companion. Pure, so every state is tested without
 * a browser; background.ts only applies the result.
 */
export function badgeState(probe: CompanionProbe): BadgeState {
  switch (probe.state) {
    case 'down':
      return {
        text: 'off',
        color: BADGE_COLORS.idle,
        title: `Omnifolio: ${probe.problem.message} ${probe.problem.hints[0] ?? ''}`.trim(),
      };
    case 'not-paired':
      return {
        text: '?',
        color: BADGE_COLORS.idle,
        title:
          probe.reason === 'no-token'
            ? 'Omnifolio: not paired with the companion yet. Open the options page to pair.'
            : 'Omnifolio: the companion no longer accepts this browser’s token. Pair again on the options page.',
      };
    case 'failed':
      return { text: '!', color: BADGE_COLORS.error, title: `Omnifolio: ${probe.problem.message}` };
    case 'ready': {
      const { overview } = probe;
      const failing = overview.connections.filter((c) => c.status === 'error');
      if (failing.length > 0) {
        const lines = failing.map((c) => `${c.label}: ${c.lastError?.message ?? 'the last sync failed.'}`);
        return {
          text: '!',
          color: BADGE_COLORS.error,
          title: [`Omnifolio: ${failing.length === 1 ? 'a connection is' : `${failing.length} connections are`} failing.`, ...lines].join('\n'),
        };
      }
      // In the user's base currency, as the popup opens; USD while a converted base has no rate yet.
      const currency = shownCurrency(overview.base?.currency ?? 'USD', overview);
      const amount = pickValue(overview.total, currency);
      const total = amount === null ? formatMoney(overview.total.usd, 'USD') : formatMoney(amount, currency);
      const count = overview.connections.length;
      const stale = overview.pricing.stale ? ' Prices are out of date.' : '';
      return {
        text: '',
        color: BADGE_COLORS.ok,
        title:
          count === 0
            ? 'Omnifolio: paired. No connections yet; add one on the options page.'
            : `Omnifolio: ${total} across ${count === 1 ? '1 connection' : `${count} connections`}, all syncing fine.${stale}`,
      };
    }
  }
}
