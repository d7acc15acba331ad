import { describe, expect, it } from 'vitest';
import {
  actionRunsGate,
  actionsFrom,
  type CampaignAction,
  type CampaignState,
  campaignActions,
  campaignStates,
  nextState,
} from './campaign-states.ts';

describe('campaign states', () => {
  it('follow the transition table, every state × action', () => {
    const table = Object.fromEntries(
      campaignStates.map((state) => [
        state,
        Object.fromEntries(
          campaignActions.map((action) => [
            action,
            actionRunsGate(action)
              ? `${nextState(state, action, 'pass')}/${nextState(state, action, 'fail')}`
              : nextState(state, action),
          ]),
        ),
      ]),
    );
    expect(table).toEqual({
      draft: {
        edit: 'draft',
        check: 'ready/blocked',
        launch: 'live/blocked',
        override: 'live',
        pause: null,
        complete: null,
        cancel: 'cancelled',
      },
      ready: {
        edit: 'draft',
        check: 'ready/blocked',
        launch: 'live/blocked',
        override: 'live',
        pause: null,
        complete: null,
        cancel: 'cancelled',
      },
      blocked: {
        edit: 'draft',
        check: 'ready/blocked',
        launch: 'live/blocked',
        override: 'live',
        pause: null,
        complete: null,
        cancel: 'cancelled',
      },
      live: {
        edit: null,
        check: 'null/null',
        launch: 'null/null',
        override: null,
        pause: 'paused',
        complete: 'completed',
        cancel: 'cancelled',
      },
      paused: {
        edit: 'paused',
        check: 'null/null',
        launch: 'live/paused',
        override: 'live',
        pause: null,
        complete: 'completed',
        cancel: 'cancelled',
      },
      completed: {
        edit: null,
        check: 'null/null',
        launch: 'null/null',
        override: null,
        pause: null,
        complete: null,
        cancel: null,
      },
      cancelled: {
        edit: null,
        check: 'null/null',
        launch: 'null/null',
        override: null,
        pause: null,
        complete: null,
        cancel: null,
      },
    });
  });

  it('treat insufficient data like a failure: only a pass goes live', () => {
    expect(nextState('ready', 'launch', 'insufficient_data')).toBe('blocked');
    expect(nextState('draft', 'check', 'insufficient_data')).toBe('blocked');
  });

  it('never reach live but through a passing gate or an override', () => {
    for (const state of campaignStates) {
      for (const action of campaignActions) {
        for (const verdict of ['fail', 'insufficient_data'] as const) {
          const to = actionRunsGate(action) ? nextState(state, action, verdict) : nextState(state, action);
          if (to === 'live' && state !== 'live') expect(action).toBe('override' satisfies CampaignAction);
        }
      }
    }
  });

  it('end in completed and cancelled', () => {
    for (const end of ['completed', 'cancelled'] as CampaignState[]) expect(actionsFrom(end)).toEqual([]);
    expect(actionsFrom('live')).toEqual(['pause', 'complete', 'cancel']);
  });

  it('need the verdict of the gate for an action that runs it', () => {
    expect(() => nextState('draft', 'launch')).toThrow(/verdict/);
  });
});
