import type { Manifest, Submission, Survey } from '@insideout/contracts';
import { ApiRequestError } from '../api/client.ts';
import type { AnswerSheet } from './answer-sheet.svelte.ts';
import type { SurveyApi } from './api.ts';
import type { BallotCrypto } from './ballot-crypto.ts';
import type { StoredBallot, SurveyStore } from './device-store.ts';
import { type OnlineSignal, SubmissionOutbox } from './outbox.svelte.ts';
import { newReceiptCode, receiptHash, sha256Base64Url } from './receipt.ts';

/**
 * Where opening the survey got to:
 * - `loading`: reading the invitation, checking the key, taking the ballot.
 * - `no-link`, `invalid-link`: no usable invitation.
 * - `not-open`, `closed`: the pulse takes no answers (yet, or any more).
 * - `key-mismatch`: the key given to this person is not the one published for everyone; the page
 *   stops, takes no ballot and sends nothing.
 * - `ballot-elsewhere`: this invitation's ballot was taken on another device or browser.
 * - `failed`: something else went wrong (the network, say); `error` says what, and `open` again retries.
 * - `answering`: the ballot is on the device; the person answers.
 * - `submitted`: a response is in the outbox (sending, waiting, delivered or refused).
 */
export type SurveyStage =
  | 'loading'
  | 'no-link'
  | 'invalid-link'
  | 'not-open'
  | 'closed'
  | 'key-mismatch'
  | 'ballot-elsewhere'
  | 'failed'
  | 'answering'
  | 'submitted';

/** What an invitation token looks like (the server's own check): anything else is not a link of ours. */
const invitationPattern = /^[\w.-]{20,200}$/;

export interface SurveySessionOptions {
  api: Pick<SurveyApi, 'survey' | 'manifest' | 'signBallot' | 'submit'>;
  store: Promise<SurveyStore> | SurveyStore;
  crypto: BallotCrypto;
  online?: OnlineSignal | null;
  /** Outbox timing, for tests. */
  outbox?: Pick<ConstructorParameters<typeof SubmissionOutbox>[0], 'backoff' | 'setTimer' | 'clearTimer'>;
  newReceiptCode?: () => string;
}

/** Whether a cohort and its key are in the public manifest, exactly. */
export function manifestLists(manifest: Manifest, cohort: Pick<Survey['cohort'], 'id' | 'publicKey'>): boolean {
  return manifest.cohorts.some((entry) => entry.id === cohort.id && entry.publicKey === cohort.publicKey);
}

/**
 * One person's visit to their survey: reads the invitation, checks their cohort's key against the
 * public manifest, takes the ballot as soon as the survey opens (minutes before the answers are
 * sent, so the two moments are not side by side in any log) and keeps it on the device, then hands
 * the response to the outbox.
 */
export class SurveySession {
  stage: SurveyStage = $state('loading');
  survey: Survey | null = $state.raw(null);
  /** Short fingerprint of the cohort key, once it has been checked against the manifest. */
  fingerprint: string | null = $state(null);
  error: unknown = $state.raw(null);
  /** False when the browser keeps nothing on the device. */
  persistent = $state(true);
  readonly outbox: SubmissionOutbox;

  readonly #options: SurveySessionOptions;
  readonly #store: Promise<SurveyStore>;
  #invitation: string | null = null;
  #key: string | null = null;
  #ballot: StoredBallot | null = null;

  constructor(options: SurveySessionOptions) {
    this.#options = options;
    this.#store = Promise.resolve(options.store);
    const store = this.#store;
    this.outbox = new SubmissionOutbox({
      store: {
        saveEntry: async (entry) => (await store).saveEntry(entry),
        forgetBallot: async (key) => (await store).forgetBallot(key),
      },
      send: (pulseId, submission) => options.api.submit(pulseId, submission),
      online: options.online ?? null,
      ...options.outbox,
    });
  }

  /** The receipt code of the response in the outbox, once there is one. */
  get receiptCode(): string | null {
    return this.outbox.entry?.receiptCode ?? null;
  }

  /** Opens the survey of an invitation (or, without one, sends whatever the device still has to send). */
  async open(invitation: string | null): Promise<void> {
    this.stage = 'loading';
    this.error = null;
    const store = await this.#store;
    this.persistent = store.persistent;

    if (!invitation || !invitationPattern.test(invitation)) {
      const [pending] = await store.pendingEntries().catch(() => []);
      if (pending) {
        this.stage = 'submitted';
        await this.outbox.resume(pending);
      } else {
        this.stage = invitation ? 'invalid-link' : 'no-link';
      }
      return;
    }
    this.#invitation = invitation;
    this.#key = await sha256Base64Url(invitation);

    // A response already on this device: carry on with it rather than start again.
    const entry = await store.entry(this.#key).catch(() => undefined);
    if (entry && !(entry.state === 'rejected' && entry.rejection === 'invalid_input')) {
      this.stage = 'submitted';
      await this.outbox.resume(entry);
      return;
    }

    try {
      const survey = await this.#options.api.survey(invitation);
      const manifest = await this.#options.api.manifest(survey.pulse.id);
      // The key must be the one everybody gets: a key of one's own would let the server single
      // this person out by the signature on their response.
      if (!manifestLists(manifest, survey.cohort)) {
        this.survey = survey;
        this.stage = 'key-mismatch';
        return;
      }
      this.fingerprint = await this.#options.crypto.fingerprint(survey.cohort.publicKey);
      const ballot = await this.#takeBallot(store, survey);
      this.survey = survey;
      if (ballot === 'elsewhere') {
        this.stage = 'ballot-elsewhere';
      } else if (ballot === 'mismatch') {
        this.stage = 'key-mismatch';
      } else {
        this.#ballot = ballot;
        this.stage = 'answering';
      }
    } catch (error) {
      this.#failed(error);
    }
  }

  /** Opens the same invitation again, after a failure. */
  retry(): Promise<void> {
    return this.open(this.#invitation);
  }

  /**
   * Makes the receipt code, then saves the response on the device and sends it. Resolves once it
   * is saved and a first attempt has been made; the outbox carries on from there.
   */
  async submit(sheet: AnswerSheet): Promise<void> {
    const survey = this.survey;
    const signed = this.#ballot?.signed;
    if (this.stage !== 'answering' || !survey || !signed || !this.#key) return;
    const receiptCode = (this.#options.newReceiptCode ?? newReceiptCode)();
    const submission: Submission = {
      cohortId: survey.cohort.id,
      message: signed.message,
      signature: signed.signature,
      ...sheet.toResponse(),
      receiptHash: await receiptHash(receiptCode),
    };
    this.stage = 'submitted';
    await this.outbox.submit({
      key: this.#key,
      pulseId: survey.pulse.id,
      pulseTitle: survey.pulse.title,
      commented: submission.comments.length > 0,
      submission,
      receiptCode,
    });
  }

  /** Back to the answers after the server found the response invalid: the same ballot can be used. */
  reviseAfterRefusal(): void {
    if (this.stage === 'submitted' && this.outbox.entry?.rejection === 'invalid_input' && this.#ballot?.signed) {
      this.stage = 'answering';
    }
  }

  /** Stops the outbox's retries (the page was left); what is on the device stays. */
  close(): void {
    this.outbox.stop();
  }

  async #takeBallot(store: SurveyStore, survey: Survey): Promise<StoredBallot | 'elsewhere' | 'mismatch'> {
    const key = this.#key ?? '';
    const { cohort } = survey;
    let ballot = await store.ballot(key);
    if (ballot && (ballot.cohortId !== cohort.id || ballot.publicKey !== cohort.publicKey)) return 'mismatch';
    if (ballot?.signed) return ballot;
    if (!ballot) {
      if (survey.ballotTaken) return 'elsewhere';
      ballot = {
        key,
        pulseId: survey.pulse.id,
        cohortId: cohort.id,
        publicKey: cohort.publicKey,
        request: await this.#options.crypto.blind(cohort.publicKey),
        signed: null,
      };
      // Kept before the server is asked: if its answer is lost, the same request is sent again
      // and the server, which signs one request per person, signs it again.
      await store.saveBallot(ballot);
    }
    let blindSignature: string;
    try {
      ({ blindSignature } = await this.#options.api.signBallot(this.#invitation ?? '', ballot.request.blinded));
    } catch (error) {
      if (error instanceof ApiRequestError && error.code === 'conflict') return 'elsewhere';
      throw error;
    }
    const signed = await this.#options.crypto.finalize(cohort.publicKey, ballot.request, blindSignature);
    const complete: StoredBallot = { ...ballot, signed };
    await store.saveBallot(complete);
    return complete;
  }

  #failed(error: unknown): void {
    this.error = error;
    if (!(error instanceof ApiRequestError)) {
      this.stage = 'failed';
      return;
    }
    switch (error.code) {
      case 'unauthenticated':
      case 'forbidden':
        this.stage = 'invalid-link';
        return;
      case 'pulse_closed':
        this.stage = 'closed';
        return;
      case 'not_found':
        this.stage = 'not-open';
        return;
      default:
        this.stage = 'failed';
    }
  }
}
