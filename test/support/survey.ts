import { createHash, randomBytes } from 'node:crypto';
import { blindBallot, finalizeBallot, fromBase64Url } from '@insideout/ballot/client';
import type { Manifest, Survey } from '@insideout/contracts';
import { expect } from 'vitest';
import type { TestApp } from './http.ts';

/** What the survey page does, over HTTP: read the invitation, check the key, take a ballot, unblind it. */
export async function takeBallot(client: TestApp, invitation: string) {
  const headers = { authorization: `Invitation ${invitation}` };
  const surveyResponse = await client.get('/api/v1/survey', headers);
  expect(surveyResponse.status).toBe(200);
  const survey = (await surveyResponse.json()) as Survey;
  const manifest = (await (await client.get(`/api/v1/pulses/${survey.pulse.id}/manifest`)).json()) as Manifest;
  expect(manifest.cohorts).toContainEqual({ id: survey.cohort.id, publicKey: survey.cohort.publicKey });

  const blinded = await blindBallot(survey.cohort.publicKey);
  const grant = await client.postJson('/api/v1/survey/ballot', { blinded: b64(blinded.blinded) }, headers);
  expect(grant.status).toBe(200);
  const { blindSignature } = (await grant.json()) as { blindSignature: string };
  const ballot = await finalizeBallot(survey.cohort.publicKey, blinded, fromBase64Url(blindSignature));
  return { survey, ballot, blinded };
}

/** A receipt code as the survey page makes it (16 base32 characters in groups) and its hash. */
export function receipt() {
  const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
  const chars = Array.from(randomBytes(16), (byte) => alphabet[byte & 31]).join('');
  const code = chars.match(/.{4}/g)?.join('-') ?? chars;
  return { code, hash: createHash('sha256').update(chars).digest('base64url') };
}

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64url');

/** The invitation tokens of a pulse, read from the mails in the development outbox. */
export function invitationsIn(messages: Array<{ to: string; text: string }>) {
  const byEmail = new Map<string, string>();
  for (const message of messages) {
    const token = /\/survey#([\w.-]+)/.exec(message.text)?.[1];
    if (token) byEmail.set(message.to, token);
  }
  return byEmail;
}

/**
 * What the survey page does, over real HTTP against a running app: read the invitation, take a
 * ballot, unblind it, and answer (with general comments) without the invitation or any cookie.
 */
export async function answerOverHttp(
  appUrl: string,
  invitation: string,
  values: readonly number[],
  comments: readonly string[] = [],
) {
  const headers = { authorization: `Invitation ${invitation}` };
  const survey = (await (await fetch(`${appUrl}/api/v1/survey`, { headers })).json()) as Survey;
  const blinded = await blindBallot(survey.cohort.publicKey);
  const grant = await fetch(`${appUrl}/api/v1/survey/ballot`, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json' },
    body: JSON.stringify({ blinded: b64(blinded.blinded) }),
  });
  expect(grant.status).toBe(200);
  const { blindSignature } = (await grant.json()) as { blindSignature: string };
  const ballot = await finalizeBallot(survey.cohort.publicKey, blinded, fromBase64Url(blindSignature));
  const submitted = await fetch(`${appUrl}/api/v1/pulses/${survey.pulse.id}/responses`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      cohortId: survey.cohort.id,
      ...ballot,
      answers: values.map((value, position) => ({ position, value })),
      comments: comments.map((body) => ({ position: null, body })),
      receiptHash: receipt().hash,
    }),
  });
  expect(submitted.status).toBe(201);
}
