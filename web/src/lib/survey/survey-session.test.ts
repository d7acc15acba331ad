import type { Manifest, PulseItem, Submission, Survey } from '@insideout/contracts';
import { describe, expect, it } from 'vitest';
import { ApiRequestError } from '../api/client.ts';
import { AnswerSheet } from './answer-sheet.svelte.ts';
import type { BallotCrypto } from './ballot-crypto.ts';
import { memorySurveyStore, type SurveyStore } from './device-store.ts';
import { receiptHash, sha256Base64Url } from './receipt.ts';
import { manifestLists, SurveySession } from './survey-session.svelte.ts';

const invitation = '3f0a2c9e-1b7d-4e55-a1c2-6d9e8f7a6b5c.secretsecretsecretsecret';
const pulseId = '0b8f0f8e-4d3c-4a5b-9c8d-7e6f5a4b3c2d';
const cohort = { id: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d', publicKey: 'cohortKey', audience: 12 };
const items: PulseItem[] = [
  {
    position: 0,
    questionKey: 'bank:engagement.1',
    driver: 'engagement',
    kind: 'likert5',
    text: en('Glad'),
    required: true,
  },
  {
    position: 1,
    questionKey: 'bank:ambassadorship.enps',
    driver: 'ambassadorship',
    kind: 'nps11',
    text: en('Recommend'),
    required: false,
  },
];
const survey: Survey = {
  pulse: { id: pulseId, orgName: 'Acme', title: 'Autumn', closesAt: '2030-01-01T00:00:00.000Z', state: 'open', items },
  cohort,
  ballotTaken: false,
  thresholds: { k: 5, kComments: 10 },
  sensitiveWords: [],
};
const manifest: Manifest = { pulseId, cohorts: [{ id: cohort.id, publicKey: cohort.publicKey }] };

function en(text: string) {
  return { en: text, fr: `${text} (fr)` };
}

/** An API and ballot cryptography that record what they are asked, with answers the test can change. */
function harness(overrides: { survey?: Partial<Survey>; manifest?: Manifest; store?: SurveyStore } = {}) {
  const calls: string[] = [];
  const submitted: Submission[] = [];
  let signError: ApiRequestError | null = null;
  let submitOutcome: number | ApiRequestError = 201;
  const store = overrides.store ?? memorySurveyStore(true);
  const crypto: BallotCrypto = {
    blind: async (publicKey) => {
      calls.push(`blind ${publicKey}`);
      return { prepared: 'prepared', blinded: `blinded-${calls.length}`, inverse: 'inverse' };
    },
    finalize: async (_key, request, blindSignature) => ({
      message: `message-of-${request.blinded}`,
      signature: `unblinded-${blindSignature}`,
    }),
    fingerprint: async (publicKey) => `fp-${publicKey}`,
  };
  const session = new SurveySession({
    api: {
      survey: async (token) => {
        calls.push(`survey ${token === invitation ? 'invitation' : token}`);
        return { ...survey, ...overrides.survey };
      },
      manifest: async (id) => {
        calls.push(`manifest ${id === pulseId ? 'pulse' : id}`);
        return overrides.manifest ?? manifest;
      },
      signBallot: async (_token, blinded) => {
        calls.push(`sign ${blinded}`);
        if (signError) throw signError;
        return { cohortId: cohort.id, blindSignature: `sig-${blinded}` };
      },
      submit: async (_id, submission) => {
        calls.push('submit');
        submitted.push(submission);
        if (typeof submitOutcome !== 'number') throw submitOutcome;
        return submitOutcome;
      },
    },
    store,
    crypto,
    outbox: { setTimer: () => null, clearTimer: () => {} },
    newReceiptCode: () => 'ABCD-EFGH-JKMN-PQRS',
  });
  return {
    session,
    store,
    calls,
    submitted,
    failSigning: (error: ApiRequestError) => {
      signError = error;
    },
    failSubmitting: (error: ApiRequestError) => {
      submitOutcome = error;
    },
  };
}

const error = (status: number, code: ApiRequestError['code']) => new ApiRequestError({ status, code, message: code });

describe('SurveySession', () => {
  it('checks the key against the manifest, then takes the ballot as the survey opens, keeping it on the device', async () => {
    const h = harness();
    await h.session.open(invitation);

    expect(h.session.stage).toBe('answering');
    expect(h.calls).toEqual(['survey invitation', 'manifest pulse', 'blind cohortKey', 'sign blinded-3']);
    expect(h.session.fingerprint).toBe('fp-cohortKey');
    const kept = await h.store.ballot(await sha256Base64Url(invitation));
    expect(kept).toMatchObject({
      pulseId,
      cohortId: cohort.id,
      publicKey: 'cohortKey',
      request: { blinded: 'blinded-3' },
      signed: { message: 'message-of-blinded-3', signature: 'unblinded-sig-blinded-3' },
    });
  });

  it('keeps the blinded request before asking for the signature, and sends the same one again when the answer was lost', async () => {
    const h = harness();
    h.failSigning(error(0, 'network'));
    await h.session.open(invitation);
    expect(h.session.stage).toBe('failed');
    const key = await sha256Base64Url(invitation);
    expect(await h.store.ballot(key)).toMatchObject({ request: { blinded: 'blinded-3' }, signed: null });

    // Back later: the server has recorded the ballot as taken; the device still has the request.
    const again = harness({ survey: { ballotTaken: true }, store: h.store });
    await again.session.open(invitation);
    expect(again.session.stage).toBe('answering');
    expect(again.calls).toEqual(['survey invitation', 'manifest pulse', 'sign blinded-3']);
  });

  it.each([
    ['a cohort missing from the manifest', { pulseId, cohorts: [{ id: crypto.randomUUID(), publicKey: 'cohortKey' }] }],
    ['a key of its own', { pulseId, cohorts: [{ id: cohort.id, publicKey: 'anotherKey' }] }],
    ['an empty manifest', { pulseId, cohorts: [] }],
  ])('refuses %s: no ballot is taken, nothing can be sent', async (_case, tampered) => {
    const h = harness({ manifest: tampered });
    await h.session.open(invitation);

    expect(h.session.stage).toBe('key-mismatch');
    expect(h.calls).toEqual(['survey invitation', 'manifest pulse']);
    expect(await h.store.ballot(await sha256Base64Url(invitation))).toBeUndefined();
    await h.session.submit(new AnswerSheet(items));
    expect(h.submitted).toEqual([]);
  });

  it('says the ballot was taken elsewhere when the server has it and this device does not', async () => {
    const h = harness({ survey: { ballotTaken: true } });
    await h.session.open(invitation);
    expect(h.session.stage).toBe('ballot-elsewhere');
    expect(h.calls).not.toContain('blind cohortKey');
  });

  it('says the ballot was taken elsewhere when the server signed another request meanwhile', async () => {
    const h = harness();
    h.failSigning(error(409, 'conflict'));
    await h.session.open(invitation);
    expect(h.session.stage).toBe('ballot-elsewhere');
  });

  it('refuses a ballot kept on the device for a key that has since changed', async () => {
    const h = harness();
    await h.session.open(invitation);
    const changed = harness({
      survey: { ballotTaken: true, cohort: { ...cohort, publicKey: 'newKey' } },
      manifest: { pulseId, cohorts: [{ id: cohort.id, publicKey: 'newKey' }] },
      store: h.store,
    });
    await changed.session.open(invitation);
    expect(changed.session.stage).toBe('key-mismatch');
  });

  it.each([
    [401, 'unauthenticated', 'invalid-link'],
    [403, 'forbidden', 'invalid-link'],
    [410, 'pulse_closed', 'closed'],
    [404, 'not_found', 'not-open'],
    [0, 'network', 'failed'],
  ] as const)('on %i %s when opening, shows %s', async (status, code, stage) => {
    const h = harness();
    h.failSigning(error(status, code));
    await h.session.open(invitation);
    expect(h.session.stage).toBe(stage);
  });

  it('asks for a link when there is none, or a malformed one', async () => {
    const none = harness();
    await none.session.open(null);
    expect(none.session.stage).toBe('no-link');
    const bad = harness();
    await bad.session.open('not a link');
    expect(bad.session.stage).toBe('invalid-link');
    expect([...none.calls, ...bad.calls]).toEqual([]);
  });

  it('sends the answers with the ballot and only the hash of the receipt code', async () => {
    const h = harness();
    await h.session.open(invitation);
    const sheet = new AnswerSheet(items);
    sheet.choose(0, 4);
    sheet.comments[0] = '  Good team  ';
    sheet.general = 'Thanks';
    await h.session.submit(sheet);

    expect(h.submitted).toEqual([
      {
        cohortId: cohort.id,
        message: 'message-of-blinded-3',
        signature: 'unblinded-sig-blinded-3',
        answers: [{ position: 0, value: 4 }],
        comments: [
          { position: 0, body: 'Good team' },
          { position: null, body: 'Thanks' },
        ],
        receiptHash: await receiptHash('ABCD-EFGH-JKMN-PQRS'),
      },
    ]);
    expect(JSON.stringify(h.submitted)).not.toContain('ABCD');
    expect(h.session.stage).toBe('submitted');
    expect(h.session.outbox.state).toBe('delivered');
    expect(h.session.receiptCode).toBe('ABCD-EFGH-JKMN-PQRS');
  });

  it('keeps the receipt code on the device with the pulse’s title and whether comments went with it', async () => {
    const h = harness();
    await h.session.open(invitation);
    const sheet = new AnswerSheet(items);
    sheet.choose(0, 4);
    sheet.general = 'Thanks';
    await h.session.submit(sheet);
    expect(await h.store.deliveredEntries()).toEqual([
      expect.objectContaining({
        receiptCode: 'ABCD-EFGH-JKMN-PQRS',
        pulseTitle: 'Autumn',
        commented: true,
        submission: null,
      }),
    ]);
  });

  it('opens a link already answered on this device to its receipt, without asking the server again', async () => {
    const h = harness();
    await h.session.open(invitation);
    await h.session.submit(new AnswerSheet(items));
    const later = harness({ store: h.store });
    await later.session.open(invitation);

    expect(later.session.stage).toBe('submitted');
    expect(later.session.outbox.state).toBe('delivered');
    expect(later.session.receiptCode).toBe('ABCD-EFGH-JKMN-PQRS');
    expect(later.calls).toEqual([]);
  });

  it('sends a response left pending on the device when the link is opened again', async () => {
    const h = harness();
    h.failSubmitting(error(0, 'network'));
    await h.session.open(invitation);
    await h.session.submit(new AnswerSheet(items));
    expect(h.session.outbox.state).toBe('waiting');

    const later = harness({ store: h.store });
    await later.session.open(invitation);
    expect(later.calls).toEqual(['submit']);
    expect(later.session.outbox.state).toBe('delivered');
  });

  it('lets answers the server found invalid be corrected and sent again with the same ballot', async () => {
    const h = harness();
    h.failSubmitting(error(400, 'invalid_input'));
    await h.session.open(invitation);
    await h.session.submit(new AnswerSheet(items));
    expect(h.session.outbox.state).toBe('rejected');

    h.session.reviseAfterRefusal();
    expect(h.session.stage).toBe('answering');
  });
});

describe('manifestLists', () => {
  it('requires the same cohort with the same key', () => {
    expect(manifestLists(manifest, cohort)).toBe(true);
    expect(manifestLists(manifest, { ...cohort, publicKey: `${cohort.publicKey}x` })).toBe(false);
    expect(manifestLists({ pulseId, cohorts: [] }, cohort)).toBe(false);
  });
});
