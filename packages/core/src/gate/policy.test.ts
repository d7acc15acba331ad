import { describe, expect, it } from 'vitest';
import { defaultGatePolicy, policyOf, policyProblems } from './policy.ts';

describe('gate policies', () => {
  it('default to the thresholds of DESIGN.md', () => {
    expect(defaultGatePolicy).toEqual({
      minRespondents: 10,
      minParticipation: 60,
      minAmbassadorship: 70,
      minEnpsLowerBound: 0,
      blockOnEngagementDecline: true,
      minDialogueAnswered: 80,
      maxPulseAgeDays: 45,
    });
    expect(policyProblems(defaultGatePolicy, 5)).toEqual([]);
  });

  it('never let enough voices fall below k', () => {
    expect(policyProblems({ ...defaultGatePolicy, minRespondents: 4 }, 5)).toEqual([
      { field: 'minRespondents', message: 'must be at least the anonymity threshold k = 5' },
    ]);
    expect(policyProblems({ ...defaultGatePolicy, minRespondents: 5 }, 5)).toEqual([]);
    expect(policyProblems({ ...defaultGatePolicy, minRespondents: 7 }, 8)).toHaveLength(1);
  });

  it('keep every threshold within its bounds', () => {
    const problems = policyProblems(
      {
        ...defaultGatePolicy,
        minParticipation: 101,
        minEnpsLowerBound: 100,
        maxPulseAgeDays: 0,
        minAmbassadorship: 1.5,
      },
      5,
    );
    expect(problems.map((p) => p.field).sort()).toEqual([
      'maxPulseAgeDays',
      'minAmbassadorship',
      'minEnpsLowerBound',
      'minParticipation',
    ]);
  });

  it('read back a stored policy with defaults for what is missing, and k as a floor', () => {
    expect(policyOf(null, 5)).toEqual(defaultGatePolicy);
    expect(policyOf({ minParticipation: 75, blockOnEngagementDecline: false, minRespondents: 3 }, 6)).toEqual({
      ...defaultGatePolicy,
      minParticipation: 75,
      blockOnEngagementDecline: false,
      minRespondents: 6,
    });
    expect(policyOf({ minParticipation: 'lots', maxPulseAgeDays: 9999 }, 5)).toMatchObject({
      minParticipation: 60,
      maxPulseAgeDays: 366,
    });
  });
});
