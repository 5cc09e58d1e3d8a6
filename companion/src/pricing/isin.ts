/**
 * ISO 6166 securities numbers: two letters of the country, nine characters of the national
 * number, one check digit (`CH0038863350`, `US0378331005`).
 */
const ISIN_SHAPE = /^[A-Z]{2}[A-Z0-9]{9}\d$/;

/** True for a well-formed ISIN whose check digit is right, so a ticker or coin symbol that merely looks like one is not taken for it. */
export function isIsin(code: string): boolean {
  return ISIN_SHAPE.test(code) && isinCheckDigit(code.slice(0, 11)) === code[11];
}

/**
 * The check digit of an ISIN's first eleven characters: letters become two digits (A = 10 …
 * Z = 35), then the Luhn sum with every second digit from the right doubled, starting with
 * the rightmost.
 */
export function isinCheckDigit(body: string): string {
  if (!/^[A-Z]{2}[A-Z0-9]{9}$/.test(body)) throw new TypeError(`"${body}" is not the first eleven characters of an ISIN.`);
  const digits = [...body].map((ch) => (/\d/.test(ch) ? ch : String(ch.charCodeAt(0) - 55))).join('');
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return String((10 - (sum % 10)) % 10);
}
