import type { GateVerdict } from './evaluate.ts';

/**
 * A campaign's life (DESIGN.md "Readiness gate"): `draft → ready | blocked → live → paused →
 * completed`, and `cancelled`. Every move is an action of this table; anything else is refused.
 *
 * - `check`: runs the gate without launching: ready when it passes, blocked otherwise.
 * - `launch`: runs the gate; live when it passes. When it does not, a draft, ready or blocked
 *   campaign becomes blocked and a paused one stays paused (the caller answers 412).
 * - `override`: an HR leader launches despite the gate, with a written reason.
 * - `pause`: by an HR leader, or by the gate when a closing pulse makes a live campaign fail.
 * - `edit`: changes what the gate judged, so a checked campaign goes back to draft; a live one
 *   must be paused first, so nothing live ever runs on targets the gate did not see.
 */
export const campaignStates = ['draft', 'ready', 'blocked', 'live', 'paused', 'completed', 'cancelled'] as const;
export type CampaignState = (typeof campaignStates)[number];

export const campaignActions = ['edit', 'check', 'launch', 'override', 'pause', 'complete', 'cancel'] as const;
export type CampaignAction = (typeof campaignActions)[number];

type Target = CampaignState | { pass: CampaignState; otherwise: CampaignState };

/** For each action, the states it may start from and where it leads (by the gate's verdict where it runs the gate). */
export const campaignTransitions: Readonly<Record<CampaignAction, Readonly<Partial<Record<CampaignState, Target>>>>> = {
  edit: { draft: 'draft', ready: 'draft', blocked: 'draft', paused: 'paused' },
  check: {
    draft: { pass: 'ready', otherwise: 'blocked' },
    ready: { pass: 'ready', otherwise: 'blocked' },
    blocked: { pass: 'ready', otherwise: 'blocked' },
  },
  launch: {
    draft: { pass: 'live', otherwise: 'blocked' },
    ready: { pass: 'live', otherwise: 'blocked' },
    blocked: { pass: 'live', otherwise: 'blocked' },
    paused: { pass: 'live', otherwise: 'paused' },
  },
  override: { draft: 'live', ready: 'live', blocked: 'live', paused: 'live' },
  pause: { live: 'paused' },
  complete: { live: 'completed', paused: 'completed' },
  cancel: { draft: 'cancelled', ready: 'cancelled', blocked: 'cancelled', live: 'cancelled', paused: 'cancelled' },
};

/** Whether the action runs the gate (its outcome decides where it leads). */
export function actionRunsGate(action: CampaignAction): boolean {
  return Object.values(campaignTransitions[action]).some((target) => typeof target === 'object');
}

/** Whether the action may start from this state. */
export function mayTransition(state: CampaignState, action: CampaignAction): boolean {
  return campaignTransitions[action][state] !== undefined;
}

/** Where the action leads from this state (given the gate's verdict when it runs the gate); null: not allowed. */
export function nextState(state: CampaignState, action: CampaignAction, verdict?: GateVerdict): CampaignState | null {
  const target = campaignTransitions[action][state];
  if (target === undefined) return null;
  if (typeof target === 'string') return target;
  if (verdict === undefined) throw new Error(`${action} runs the gate: pass its verdict`);
  return verdict === 'pass' ? target.pass : target.otherwise;
}

/** The actions open from a state, in the table's order (what the campaign page offers). */
export function actionsFrom(state: CampaignState): CampaignAction[] {
  return campaignActions.filter((action) => mayTransition(state, action));
}
