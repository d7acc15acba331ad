import { z } from 'zod';
import { Email } from './auth.ts';
import { CampaignState } from './campaigns.ts';

/**
 * Ambassadors and social referral (DESIGN.md "Ambassadors and social referral"). Opt-ins and
 * introductions are kept apart from survey data: nothing here carries a pulse, a cohort or a result.
 */

const token = z.string().min(20).max(200);

/** Ask for a one-time sign-in link (employees have no password). */
export const SignInLinkRequest = z.object({ email: Email });
export const SignInLinkConfirm = z.object({ token });

/** A `person` session: reaches the ambassador routes only, whatever the person's role. */
export const PersonSession = z.object({
  person: z.object({ id: z.uuid(), displayName: z.string(), email: z.string() }),
  org: z.object({ id: z.uuid(), name: z.string() }),
  /** Send back as the `X-CSRF-Token` header on every write. */
  csrfToken: z.string(),
  expiresAt: z.iso.datetime(),
});
export type PersonSession = z.infer<typeof PersonSession>;

export const ShareNetwork = z.enum(['linkedin', 'x', 'facebook', 'email']);
export type ShareNetwork = z.infer<typeof ShareNetwork>;

/** A campaign's share kit: approved texts, a link tagged with the campaign (never a person), share links. */
export const ShareKit = z.object({
  /** Null until an HR leader writes the kit. */
  targetUrl: z.url().nullable(),
  texts: z.object({ en: z.string(), fr: z.string() }),
  /** The tracked link to share: counts a click for the campaign, then leads to `targetUrl` with campaign tags. */
  link: z.url().nullable(),
  /** Ready-made share links of the usual networks, built from `link` and the English text. */
  shareLinks: z.array(z.object({ network: ShareNetwork, url: z.string() })),
});
export type ShareKit = z.infer<typeof ShareKit>;

const https = z
  .url({ message: 'must be a web address' })
  .max(2000)
  .refine((url) => url.startsWith('https://'), 'must start with https://');

export const ShareKitChange = z.object({
  targetUrl: https,
  texts: z.object({ en: z.string().trim().min(1).max(1000), fr: z.string().trim().min(1).max(1000) }),
});
export type ShareKitChange = z.infer<typeof ShareKitChange>;

/** A campaign as an employee sees it on their ambassador page. */
export const AmbassadorCampaign = z.object({
  id: z.uuid(),
  name: z.string(),
  message: z.string(),
  /** `live` accepts opt-ins and introductions; `paused` does not, and `pausedReason` says why. */
  state: z.enum(['live', 'paused']),
  pausedReason: z.string().nullable(),
  joined: z.boolean(),
  joinedAt: z.iso.datetime().nullable(),
  shareKit: ShareKit,
});
export type AmbassadorCampaign = z.infer<typeof AmbassadorCampaign>;
export const AmbassadorCampaignList = z.object({ campaigns: z.array(AmbassadorCampaign) });
export type AmbassadorCampaignList = z.infer<typeof AmbassadorCampaignList>;

export const OptIn = z.object({ campaignId: z.uuid(), joined: z.boolean(), joinedAt: z.iso.datetime().nullable() });
export type OptIn = z.infer<typeof OptIn>;

export const RecruiterState = z.enum(['new', 'contacted', 'interviewing', 'hired', 'not_pursued']);
export type RecruiterState = z.infer<typeof RecruiterState>;

export const NewIntroduction = z.object({
  contactName: z.string().trim().min(1).max(120),
  contactEmail: Email,
  /** The role or team the contact would fit. */
  contactRole: z.string().trim().min(1).max(200),
  /** A personal note, shown to the contact with the introducer's name. */
  note: z.string().trim().max(2000).default(''),
});
export type NewIntroduction = z.infer<typeof NewIntroduction>;

/** An introduction as its introducer sees it. */
export const MyIntroduction = z.object({
  id: z.uuid(),
  campaign: z.object({ id: z.uuid(), name: z.string() }),
  contactName: z.string(),
  contactEmail: z.string(),
  contactRole: z.string(),
  note: z.string(),
  /** `pending` until the contact answers; deleted if they decline or let it expire. */
  consent: z.enum(['pending', 'consented']),
  expiresAt: z.iso.datetime(),
  /** Where recruiters have taken it (after consent). */
  recruiterState: RecruiterState,
  createdAt: z.iso.datetime(),
});
export type MyIntroduction = z.infer<typeof MyIntroduction>;
export const MyIntroductionList = z.object({ introductions: z.array(MyIntroduction) });
export type MyIntroductionList = z.infer<typeof MyIntroductionList>;

export const Kudos = z.object({
  id: z.uuid(),
  campaign: z.object({ id: z.uuid(), name: z.string() }),
  message: z.string(),
  from: z.string(),
  createdAt: z.iso.datetime(),
});
export type Kudos = z.infer<typeof Kudos>;
export const KudosList = z.object({ kudos: z.array(Kudos) });
export type KudosList = z.infer<typeof KudosList>;

/** What the contact sees on the consent page, from the token in their e-mail. */
export const ConsentLookup = z.object({ token });
export const ConsentRequest = z.object({ token, decision: z.enum(['accept', 'decline']) });
export const ConsentView = z.object({
  contactName: z.string(),
  contactRole: z.string(),
  note: z.string(),
  introducer: z.string(),
  org: z.string(),
  campaign: z.string(),
  expiresAt: z.iso.datetime(),
  /** Already accepted: declining now withdraws the consent and deletes the introduction. */
  consented: z.boolean(),
});
export type ConsentView = z.infer<typeof ConsentView>;
export const ConsentResult = z.object({ decision: z.enum(['accepted', 'declined']) });

/** HR: who opted in to a campaign, counted per unit, named for the campaign's logistics. */
export const CampaignAmbassadors = z.object({
  campaignId: z.uuid(),
  state: CampaignState,
  total: z.number().int(),
  units: z.array(z.object({ id: z.uuid(), name: z.string(), count: z.number().int() })),
  ambassadors: z.array(
    z.object({
      id: z.uuid(),
      displayName: z.string(),
      email: z.string(),
      unit: z.string(),
      joinedAt: z.iso.datetime(),
    }),
  ),
});
export type CampaignAmbassadors = z.infer<typeof CampaignAmbassadors>;

export const CampaignClicks = z.object({
  campaignId: z.uuid(),
  total: z.number().int(),
  days: z.array(z.object({ day: z.iso.date(), count: z.number().int() })),
});
export type CampaignClicks = z.infer<typeof CampaignClicks>;

/** A consented introduction, as recruiters (HR leaders) see it. */
export const ConsentedIntroduction = z.object({
  id: z.uuid(),
  campaign: z.object({ id: z.uuid(), name: z.string() }),
  introducer: z.object({ id: z.uuid(), displayName: z.string() }),
  contactName: z.string(),
  contactEmail: z.string(),
  contactRole: z.string(),
  note: z.string(),
  consentedAt: z.iso.datetime(),
  recruiterState: RecruiterState,
  updatedAt: z.iso.datetime(),
});
export type ConsentedIntroduction = z.infer<typeof ConsentedIntroduction>;
export const ConsentedIntroductionList = z.object({ introductions: z.array(ConsentedIntroduction) });
export type ConsentedIntroductionList = z.infer<typeof ConsentedIntroductionList>;
export const IntroductionQuery = z.object({ campaignId: z.uuid().optional(), state: RecruiterState.optional() });

export const IntroductionChange = z
  .object({
    recruiterState: RecruiterState.optional(),
    /** A thank-you for the introducer, shown on their ambassador page (recognition, never money). */
    thanks: z.string().trim().min(1).max(500).optional(),
  })
  .refine((change) => change.recruiterState !== undefined || change.thanks !== undefined, 'nothing to change');
export type IntroductionChange = z.infer<typeof IntroductionChange>;
