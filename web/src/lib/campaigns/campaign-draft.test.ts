import type { Campaign, GatePolicy } from '@insideout/contracts';
import { describe, expect, it } from 'vitest';
import { CampaignDraft } from './campaign-draft.svelte.ts';

const defaults: GatePolicy = {
  minRespondents: 10,
  minParticipation: 60,
  minAmbassadorship: 70,
  minEnpsLowerBound: 0,
  blockOnEngagementDecline: true,
  minDialogueAnswered: 80,
  maxPulseAgeDays: 45,
};

describe('a campaign draft', () => {
  it('names every field at fault, as the API would', () => {
    const draft = new CampaignDraft({ defaults, ownerId: '' });
    draft.startsOn = '2026-12-10';
    draft.endsOn = '2026-12-01';
    draft.ownPolicy = true;
    draft.policy.minRespondents = 4;
    expect(draft.faults(5)).toEqual(['name', 'targetUnitIds', 'ownerId', 'endsOn', 'message', 'policy.minRespondents']);
  });

  it('sends no policy unless the campaign has its own, and no empty dates', () => {
    const draft = new CampaignDraft({ defaults, ownerId: 'me' });
    draft.name = '  Careers fair ';
    draft.message = 'Meet us.';
    draft.toggleUnit('u1');
    draft.toggleUnit('u2');
    draft.toggleUnit('u1');
    expect(draft.faults(5)).toEqual([]);
    expect(draft.toInput()).toEqual({
      name: 'Careers fair',
      channel: 'linkedin',
      targetUnitIds: ['u2'],
      ownerId: 'me',
      startsOn: null,
      endsOn: null,
      message: 'Meet us.',
      policy: null,
    });
  });

  it('starts from a campaign being edited', () => {
    const campaign = {
      name: 'Live',
      channel: 'event',
      targetUnits: [{ id: 'u1', name: 'A' }],
      owner: { id: 'o1', displayName: 'O', email: 'o@x' },
      startsOn: '2026-12-01',
      endsOn: null,
      message: 'Hi',
      ownPolicy: true,
      policy: { ...defaults, minAmbassadorship: 90 },
    } as Campaign;
    const draft = new CampaignDraft({ defaults, ownerId: 'me', campaign });
    expect(draft.toInput()).toMatchObject({
      ownerId: 'o1',
      targetUnitIds: ['u1'],
      startsOn: '2026-12-01',
      policy: { minAmbassadorship: 90 },
    });
  });
});
