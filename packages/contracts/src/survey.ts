import { z } from 'zod';
import { PulseItem } from './pulses.ts';

const Base64Url = z.string().regex(/^[A-Za-z0-9_-]+$/, 'must be base64url');

/** Public, the same for everyone: every cohort of an open pulse and its ballot key. */
export const Manifest = z.object({
  pulseId: z.uuid(),
  cohorts: z.array(z.object({ id: z.uuid(), publicKey: Base64Url })),
});
export type Manifest = z.infer<typeof Manifest>;

/** What an invitation opens: the pulse, this person's cohort, and the anonymity thresholds. */
export const Survey = z.object({
  pulse: z.object({
    id: z.uuid(),
    orgName: z.string(),
    title: z.string(),
    closesAt: z.iso.datetime(),
    state: z.enum(['draft', 'open', 'closed']),
    items: z.array(PulseItem),
  }),
  cohort: z.object({ id: z.uuid(), publicKey: Base64Url, audience: z.number().int() }),
  /** Whether this invitation's ballot was already signed. */
  ballotTaken: z.boolean(),
  thresholds: z.object({ k: z.number().int(), kComments: z.number().int() }),
  /** The org's list of words that flag a comment to HR leaders: the page warns before sending. */
  sensitiveWords: z.array(z.string()),
});
export type Survey = z.infer<typeof Survey>;

export const BallotRequest = z.object({ blinded: Base64Url.max(400) });
export const BallotGrant = z.object({ cohortId: z.uuid(), blindSignature: Base64Url });

export const maxCommentLength = 2000;

export const Submission = z.object({
  cohortId: z.uuid(),
  /** The prepared ballot message and its unblinded signature (RFC 9474). */
  message: Base64Url.max(200),
  signature: Base64Url.max(400),
  answers: z.array(z.object({ position: z.number().int().min(0).max(99), value: z.number().int() })).max(20),
  comments: z
    .array(
      z.object({
        /** The item the comment is about, or null for a general comment. */
        position: z.number().int().min(0).max(99).nullable(),
        body: z.string().trim().min(1).max(maxCommentLength),
      }),
    )
    .max(21),
  /** SHA-256 (base64url) of the receipt code kept on the device: it proves ownership of the comments later. */
  receiptHash: Base64Url.length(43),
});
export type Submission = z.infer<typeof Submission>;

export const SubmissionReceipt = z.object({ status: z.literal('accepted'), receiptHash: z.string() });
