import { z } from 'zod';

/** Which mail holds which provider's statements: sender and/or subject, case-insensitive substrings. */
export const mailRule = z
  .object({
    /** The parser to use for this mail's attachments; absent: detect. */
    providerId: z.string().min(1).optional(),
    from: z.string().trim().min(1).optional(),
    subject: z.string().trim().min(1).optional(),
  })
  .refine((r) => r.from || r.subject, { message: 'A rule needs a sender (from) or a subject to match.' });
export type MailRule = z.infer<typeof mailRule>;

/** A mailbox's non-secret settings, kept in the connection row; the password is in the secret store. */
export const mailboxSettings = z.object({
  host: z.string().trim().min(1),
  port: z.number().int().min(1).max(65535).default(993),
  /** TLS from the first byte (993). Off only for a server on this computer. */
  tls: z.boolean().default(true),
  user: z.string().trim().min(1),
  folder: z.string().trim().min(1).default('INBOX'),
  /** No rules: every mail with an attachment in the folder is taken (a dedicated folder). */
  rules: z.array(mailRule).max(50).default([]),
});
export type MailboxSettings = z.infer<typeof mailboxSettings>;

export const createMailboxRequest = mailboxSettings.extend({
  label: z.string().trim().min(1).max(80).optional(),
  /** An app password, never the account's main password where the provider offers them. */
  password: z.string().min(1).max(1024),
});
export type CreateMailboxRequest = z.infer<typeof createMailboxRequest>;

/** The IMAP keyword set on processed mail. Mail is never deleted or moved. */
export const PROCESSED_KEYWORD = '$OmnifolioProcessed';

/** The first rule a message matches, or null; with no rules every message matches. */
export function matchRule(rules: MailRule[], message: { from: string; subject: string }): MailRule | { providerId?: undefined } | null {
  if (rules.length === 0) return {};
  const from = message.from.toLowerCase();
  const subject = message.subject.toLowerCase();
  return rules.find((r) => (!r.from || from.includes(r.from.toLowerCase())) && (!r.subject || subject.includes(r.subject.toLowerCase()))) ?? null;
}
