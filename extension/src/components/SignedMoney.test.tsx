import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { SignedMoney } from './SignedMoney';

describe('SignedMoney', () => {
  // Intl puts a no-break space after a currency code.
  it('signs and colours gains and losses, in text too', () => {
    expect(renderToStaticMarkup(<SignedMoney value="1066.8" currency="USD" />)).toBe('<span class="gain">+$1,066.80</span>');
    expect(renderToStaticMarkup(<SignedMoney value="-183.3249" currency="CHF" />)).toBe('<span class="loss">−CHF\u00a0183.32</span>');
  });

  it('gives no sign to a day that rounds to nothing, as the popup showed "−CHF 0.00"', () => {
    expect(renderToStaticMarkup(<SignedMoney value="-0.0012" currency="CHF" />)).toBe('<span>CHF\u00a00.00</span>');
    expect(renderToStaticMarkup(<SignedMoney value="0.004" currency="USD" />)).toBe('<span>$0.00</span>');
    expect(renderToStaticMarkup(<SignedMoney value={null} currency="USD" />)).toBe('<span class="text-muted">—</span>');
  });
});
