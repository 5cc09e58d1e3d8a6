import { isDecimalString } from '@omnifolio/shared/money';
import { accountTypes, activityRecord } from '@omnifolio/shared/schemas';
import { describe, expect, it } from 'vitest';
import { StatementError } from './statement-error.js';
import { createStatementInput, detectFormat } from './statement-input.js';
import type { StatementInput, StatementParser } from './types.js';

export interface ParserSample {
  filename: string;
  bytes: Uint8Array;
  mediaType?: string;
}

export interface ParserContractCases {
  /** Files of this parser's format: each must be detected and parsed. */
  samples: ParserSample[];
  /** Files of other providers or formats: detect() must say no (and not throw). */
  foreign: ParserSample[];
  /** Damaged variants of a sample: parse() must throw a StatementError naming a place. */
  malformed: ParserSample[];
}

export const toInput = (s: ParserSample): StatementInput => {
  const kind = detectFormat(s.bytes, s.filename, s.mediaType ?? '');
  if (!kind) throw new Error(`${s.filename}: not a statement file format`);
  return createStatementInput({ filename: s.filename, mediaType: s.mediaType ?? '', bytes: s.bytes }, kind);
};

/**
 * The one contract every statement parser passes (like connectors/contract-suite.ts for
 * connectors): it detects its own files and only those, produces records that validate
 * against the shared schemas and name only accounts it lists, is deterministic, and turns
 * damaged input into a StatementError with a location instead of a crash or silent loss.
 */
export function runParserContractSuite(parser: StatementParser, cases: ParserContractCases): void {
  describe(`statement parser contract: ${parser.id}`, () => {
    it('describes itself', () => {
      expect(parser.id).toMatch(/^[a-z0-9-]+(:[A-Za-z0-9-]+)?$/);
      expect(parser.name.length).toBeGreaterThan(0);
      expect(parser.version.length).toBeGreaterThan(0);
      expect(parser.formats.length).toBeGreaterThan(0);
      expect(cases.samples.length).toBeGreaterThan(0);
    });

    for (const sample of cases.samples) {
      it(`detects and parses ${sample.filename} into valid records`, async () => {
        const input = toInput(sample);
        expect(parser.formats).toContain(input.kind);
        expect(await parser.detect(input)).toBe(true);
        const out = await parser.parse(input);
        const keys = new Set(out.accounts.map((a) => a.key));
        expect(keys.size).toBe(out.accounts.length);
        for (const a of out.accounts) {
          expect(accountTypes).toContain(a.type);
          expect(a.baseCurrency).toMatch(/^[A-Z]{3}$/);
        }
        expect(out.activities.length + out.holdings.length).toBeGreaterThan(0);
        for (const a of out.activities) {
          // providerRef may be left to the writer's fingerprint; everything else must hold.
          const check = activityRecord.safeParse({ ...a, providerRef: a.providerRef || 'fingerprint' });
          expect(check.success, JSON.stringify(check.error?.issues)).toBe(true);
          expect(keys.has(a.accountKey)).toBe(true);
          // Magnitudes, except where the sign is the meaning (engine/activity-deltas.ts): a
          // transfer out, a funding payment or a realized loss is negative.
          if (!['transfer', 'funding', 'realized_pnl'].includes(a.type)) {
            expect(a.quantity.startsWith('-'), `${a.type} quantities are magnitudes`).toBe(false);
          }
        }
        for (const h of out.holdings) {
          expect(keys.has(h.accountKey)).toBe(true);
          expect(isDecimalString(h.quantity)).toBe(true);
          expect(Number.isNaN(Date.parse(h.asOf))).toBe(false);
        }
        for (const p of out.prices) {
          expect(isDecimalString(p.price) && !p.price.startsWith('-')).toBe(true);
          expect(p.currency).toMatch(/^[A-Z]{3}$/);
        }
        if (out.statementDate !== null) expect(out.statementDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        // Deterministic: the same file gives the same records (fingerprints depend on it).
        expect(await parser.parse(toInput(sample))).toEqual(out);
      });
    }

    // Only files of a format the parser reads can be mistaken for its own.
    const readable = cases.foreign.filter((s) => {
      const kind = detectFormat(s.bytes, s.filename, s.mediaType ?? '');
      return kind !== null && parser.formats.includes(kind);
    });
    it('has foreign files of its own formats to refuse', () => expect(readable.length).toBeGreaterThan(0));
    for (const sample of readable) {
      it(`does not claim ${sample.filename}`, async () => {
        expect(await parser.detect(toInput(sample))).toBe(false);
      });
    }

    for (const sample of cases.malformed) {
      it(`rejects the damaged ${sample.filename} with a StatementError that says where`, async () => {
        const error = await Promise.resolve()
          .then(() => parser.parse(toInput(sample)))
          .then(
            () => null,
            (e: unknown) => e,
          );
        expect(error).toBeInstanceOf(StatementError);
        expect((error as StatementError).location).toBeTruthy();
        expect((error as StatementError).shortMessage.length).toBeGreaterThan(10);
      });
    }
  });
}
