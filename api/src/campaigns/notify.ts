import type { CriterionEvaluation, GateCriterion } from '@insideout/core';
import type { Services } from '../http/env.ts';
import { log } from '../http/log.ts';
import type { Judgement } from './decision.ts';
import type { CampaignRecord } from './queries.ts';

/** What each criterion checks, in the words of the e-mail. */
const criterionNames: Record<GateCriterion, string> = {
  voices: 'Enough voices',
  participation: 'Participation',
  ambassadorship: 'Ambassadorship favourability',
  enps: 'eNPS (lower bound of the 90% interval)',
  trend: 'Engagement trend',
  dialogue: 'Comments answered within 7 days',
  freshness: 'Latest pulse age',
};

function describe(c: CriterionEvaluation): string {
  if (c.verdict === 'insufficient_data') {
    const why =
      c.missing?.reason === 'hidden' || c.missing?.reason === 'previous_hidden'
        ? 'hidden to protect anonymity'
        : c.missing?.reason === 'not_asked'
          ? 'not asked by the pulse'
          : c.missing?.reason === 'no_pulse'
            ? 'no closed pulse yet'
            : 'not known';
    return `${criterionNames[c.criterion]}: not enough data (${why})`;
  }
  if (c.criterion === 'trend') return `${criterionNames.trend}: significant decline against the previous pulse`;
  const unit =
    c.criterion === 'voices' ? '' : c.criterion === 'freshness' ? ' days' : c.criterion === 'enps' ? '' : '%';
  const comparison = c.criterion === 'freshness' ? 'at most' : c.criterion === 'enps' ? 'above' : 'at least';
  return `${criterionNames[c.criterion]}: ${c.value}${unit}, needs ${comparison} ${c.threshold}${unit}`;
}

/** Tells a campaign's owner that the gate paused it, and why, unit by unit. A failed mail is logged, not fatal. */
export async function mailGatePause(services: Services, campaign: CampaignRecord, judgement: Judgement) {
  const { db } = services.store;
  const owner = await db
    .selectFrom('people')
    .select(['email', 'displayName', 'active'])
    .where('orgId', '=', campaign.orgId)
    .where('id', '=', campaign.ownerId)
    .executeTakeFirst();
  if (!owner?.active) return;
  const lines = judgement.units
    .filter((u) => u.verdict !== 'pass')
    .flatMap((u) => [
      `${u.unit.name || 'A deleted unit'}:`,
      ...u.criteria.filter((c) => c.verdict !== 'pass').map((c) => `  - ${describe(c)}`),
    ]);
  const text = [
    `Hello ${owner.displayName},`,
    '',
    `A pulse survey has just closed, and the readiness gate no longer passes for "${campaign.name}", so InsideOut has paused the campaign.`,
    '',
    ...lines,
    '',
    'The campaign stays paused until the gate passes again (launch it again after a better pulse) or an HR leader overrides it with a written reason.',
    '',
    `${services.publicUrl}/campaigns/${campaign.id}`,
  ].join('\n');
  try {
    await services.mailer.send(db, {
      orgId: campaign.orgId,
      to: owner.email,
      subject: `Campaign paused: ${campaign.name}`,
      text,
    });
  } catch (error) {
    log.warn('campaign pause mail failed', { campaignId: campaign.id, error: String(error) });
  }
}
