import { z } from 'zod';

/**
 * Signed webhooks: an org tells other systems about its campaigns. Each POST carries
 * `x-insideout-signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>" under the secret>`,
 * `x-insideout-event` and `x-insideout-delivery`; a receiver checks the signature and rejects a
 * timestamp older than 5 minutes. Deliveries are retried with exponential backoff.
 */
export const WebhookEvent = z.enum([
  'campaign.launched',
  'campaign.blocked',
  'campaign.paused',
  'campaign.completed',
  'campaign.cancelled',
]);
export type WebhookEvent = z.infer<typeof WebhookEvent>;

const loopback = new Set(['localhost', '127.0.0.1', '[::1]']);

const parse = (text: string): URL | null => {
  try {
    return new URL(text);
  } catch {
    return null;
  }
};

/** https, or http to this machine only: the secret and the payload never cross a network in clear. */
export const WebhookUrl = z
  .url({ protocol: /^https?$/, message: 'must be an http(s) URL' })
  .max(2000)
  .refine((text) => {
    const url = parse(text);
    return url === null || url.protocol === 'https:' || loopback.has(url.hostname);
  }, 'must use https (plain http only to localhost)')
  .refine((text) => {
    const url = parse(text);
    return url === null || (!url.username && !url.password);
  }, 'must not carry a user name or password');

export const Webhook = z.object({
  id: z.uuid(),
  url: z.string(),
  description: z.string(),
  events: z.array(WebhookEvent),
  active: z.boolean(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type Webhook = z.infer<typeof Webhook>;
export const WebhookList = z.object({ webhooks: z.array(Webhook) });
export type WebhookList = z.infer<typeof WebhookList>;

/** A webhook with its signing secret: answered only when it is created or the secret rotated. */
export const WebhookWithSecret = Webhook.extend({ secret: z.string() });
export type WebhookWithSecret = z.infer<typeof WebhookWithSecret>;

const noNul = (text: string) => !text.includes('\u0000');
const nulMessage = 'must not contain a NUL character';
const Secret = z.string().min(24, 'use at least 24 characters').max(200).refine(noNul, nulMessage);
const Description = z.string().trim().max(200).refine(noNul, nulMessage);

export const NewWebhook = z.object({
  url: WebhookUrl,
  description: Description.default(''),
  events: z.array(WebhookEvent).min(1, 'choose at least one event').default(['campaign.paused']),
  active: z.boolean().default(true),
  /** Your own signing secret; without it one is generated. Either way it is shown only once. */
  secret: Secret.optional(),
});
export const WebhookChange = z
  .object({
    url: WebhookUrl,
    description: Description,
    events: z.array(WebhookEvent).min(1, 'choose at least one event'),
    active: z.boolean(),
    /** Generate a new signing secret (answered once); the old one stops signing at once. */
    rotateSecret: z.literal(true),
  })
  .partial()
  .refine((change) => Object.keys(change).length > 0, 'nothing to change');

export const WebhookDelivery = z.object({
  id: z.uuid(),
  webhookId: z.uuid(),
  event: z.string(),
  state: z.enum(['pending', 'delivered', 'failed']),
  attempts: z.number().int(),
  nextAttemptAt: z.iso.datetime().nullable(),
  lastAttemptAt: z.iso.datetime().nullable(),
  /** HTTP status of the last attempt; null when no answer came (refused, timed out). */
  lastStatus: z.number().int().nullable(),
  lastError: z.string().nullable(),
  deliveredAt: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
});
export type WebhookDelivery = z.infer<typeof WebhookDelivery>;
export const WebhookDeliveryList = z.object({ deliveries: z.array(WebhookDelivery) });
export type WebhookDeliveryList = z.infer<typeof WebhookDeliveryList>;
