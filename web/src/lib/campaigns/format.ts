import type {
  CampaignChannel,
  CampaignState,
  CriterionEvaluation,
  GateCriterion,
  GateEvaluation,
  GateGap,
  GateVerdict,
} from '@insideout/contracts';
import { isOne, t } from '../i18n/locale.svelte.ts';

/**
 * The readiness gate in words: each criterion's value against its threshold, why a figure is
 * missing (a hidden one is never a number), and the smallest change that would make it pass.
 */

export const criteria: readonly GateCriterion[] = [
  'voices',
  'participation',
  'ambassadorship',
  'enps',
  'trend',
  'dialogue',
  'freshness',
];

export function criterionLabel(criterion: GateCriterion): string {
  return t(`gate.criterion.${criterion}`);
}

const signed = (n: number) => (n > 0 ? `+${n}` : String(n));

/** What was read, in words: the figure with its context, or why there is none. */
export function criterionValue(c: CriterionEvaluation): string {
  if (c.verdict === 'insufficient_data' || c.value === null) {
    if (c.note === 'nothing_due') return t('gate.value.nothingDue');
    if (c.note === 'not_required') return t('gate.value.notRequired');
    return missingText(c);
  }
  const n = c.value;
  switch (c.criterion) {
    case 'voices':
      return t('gate.value.voices', { n });
    case 'participation':
      return t('gate.value.participation', {
        n,
        responses: c.detail.responses ?? '?',
        audience: c.detail.audience ?? '?',
      });
    case 'ambassadorship':
      return t('gate.value.percent', { n });
    case 'enps':
      return t('gate.value.enps', { n: signed(n), enps: signed(c.detail.enps ?? 0) });
    case 'trend':
      if (c.note === 'not_required') return t('gate.value.notRequired');
      if (c.note === 'no_previous_pulse' || c.detail.previous === undefined)
        return t('gate.value.trendNoPrevious', { n });
      return c.verdict === 'fail'
        ? t('gate.value.trendDeclined', { n, previous: c.detail.previous })
        : t('gate.value.trend', { n, previous: c.detail.previous });
    case 'dialogue':
      return t('gate.value.dialogue', { n, answered: c.detail.answered ?? 0, due: c.detail.due ?? 0 });
    case 'freshness':
      return isOne(n) ? t('gate.value.days.one', { n }) : t('gate.value.days.other', { n });
  }
}

/** Why a criterion has no figure: never a number, always a reason. */
export function missingText(c: CriterionEvaluation): string {
  const missing = c.missing;
  if (!missing) return t('gate.missing.unknown');
  if (missing.reason === 'hidden') return t(`gate.missing.${missing.hiddenReason ?? 'below_threshold'}`);
  return t(`gate.missing.${missing.reason}`);
}

/** The threshold, in words. */
export function criterionNeeds(c: CriterionEvaluation): string {
  if (c.criterion === 'trend' || c.threshold === null) return t('gate.needs.trend');
  const n = c.criterion === 'enps' ? signed(c.threshold) : c.threshold;
  return t(`gate.needs.${c.criterion}`, { n });
}

export function gapText(gap: GateGap): string {
  switch (gap.kind) {
    case 'more_respondents':
    case 'more_responses':
    case 'more_answered':
      return isOne(gap.count) ? t(`gate.gap.${gap.kind}.one`) : t(`gate.gap.${gap.kind}.other`, { count: gap.count });
    case 'more_points':
      return isOne(gap.points) ? t('gate.gap.more_points.one') : t('gate.gap.more_points.other', { count: gap.points });
    case 'no_significant_decline':
    case 'new_pulse':
      return t(`gate.gap.${gap.kind}`);
  }
}

export function verdictLabel(verdict: GateVerdict): string {
  return t(`gate.verdict.${verdict}`);
}

/** The badge class of a verdict: green for a pass, red for a fail, plain for missing data. */
export function verdictTone(verdict: GateVerdict): 'ok' | 'bad' | '' {
  return verdict === 'pass' ? 'ok' : verdict === 'fail' ? 'bad' : '';
}

export function stateLabel(state: CampaignState): string {
  return t(`campaigns.state.${state}`);
}

export function stateTone(state: CampaignState): 'ok' | 'bad' | '' {
  return state === 'live' || state === 'ready' ? 'ok' : state === 'blocked' || state === 'paused' ? 'bad' : '';
}

export function channelLabel(channel: CampaignChannel): string {
  return t(`campaigns.channel.${channel}`);
}

export const channels: readonly CampaignChannel[] = [
  'linkedin',
  'social_network',
  'careers_site',
  'referral_drive',
  'event',
  'other',
];

export function triggerLabel(trigger: GateEvaluation['trigger']): string {
  return t(`campaigns.trigger.${trigger}`);
}

/** The criteria that keep a unit from passing, failing ones first. */
export function obstacles(criteriaOfUnit: readonly CriterionEvaluation[]): CriterionEvaluation[] {
  return [
    ...criteriaOfUnit.filter((c) => c.verdict === 'fail'),
    ...criteriaOfUnit.filter((c) => c.verdict === 'insufficient_data'),
  ];
}
