import { BallotGrant, BallotRequest, Manifest, Submission, SubmissionReceipt, Survey } from '@insideout/contracts';
import { route } from '../auth/policy.ts';
import { ApiError } from '../http/errors.ts';
import { body, error, idParam, json } from '../http/openapi.ts';
import { createRouter } from '../http/router.ts';
import { submitResponse } from './submission.ts';
import { issueBallot, surveyFor } from './survey.ts';

const tags = ['Survey'];
const invitationAuth =
  'Needs `Authorization: Invitation <token>` (the token is the part of the invitation link after `#`).';

export const ballots = createRouter()
  .openapi(
    route('public', {
      method: 'get',
      path: '/pulses/{id}/manifest',
      tags,
      summary: 'The ballot keys of every cohort of an open pulse: the same for everyone',
      description:
        'The survey page compares the key it was given with this public list, so the server cannot hand one person a key of their own.',
      request: { params: idParam },
      responses: { 200: body(Manifest, 'The manifest.'), 404: error('No open pulse.') },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const { db } = c.var.services.store;
      const pulse = await db.selectFrom('pulses').select(['orgId', 'state']).where('id', '=', id).executeTakeFirst();
      if (!pulse || pulse.state === 'draft') throw new ApiError('not_found', 'No such pulse.');
      const cohorts = await db
        .selectFrom('cohorts')
        .select(['id', 'publicKey'])
        .where('orgId', '=', pulse.orgId)
        .where('pulseId', '=', id)
        .orderBy('id')
        .execute();
      return c.json({ pulseId: id, cohorts }, 200);
    },
  )
  .openapi(
    route('public', {
      method: 'get',
      path: '/survey',
      tags,
      summary: 'The pulse an invitation opens',
      description: invitationAuth,
      responses: {
        200: body(Survey, 'The survey.'),
        401: error('No valid invitation.'),
        410: error('The pulse has closed.'),
      },
    }),
    async (c) => c.json(await surveyFor(c), 200),
  )
  .openapi(
    route('public', {
      method: 'post',
      path: '/survey/ballot',
      tags,
      summary: 'Take your ballot: the server blind-signs it (RFC 9474), once per person and pulse',
      description: `${invitationAuth} The same request again returns the same signature.`,
      request: { body: json(BallotRequest) },
      responses: {
        200: body(BallotGrant, 'The blind signature.'),
        400: error('Not a blinded ballot.'),
        401: error('No valid invitation.'),
        409: error('A ballot was already taken with another request.'),
        410: error('The pulse has closed.'),
      },
    }),
    async (c) => c.json(await issueBallot(c, c.req.valid('json').blinded), 200),
  )
  .openapi(
    route('public', {
      method: 'post',
      path: '/pulses/{id}/responses',
      tags,
      summary: 'Submit an anonymous response with a signed ballot (send no cookie)',
      description:
        'Exactly once per ballot: the same ballot and answers again answer 200 with the same receipt; the same ballot with other answers 409. Acknowledged only once stored.',
      request: { params: idParam, body: json(Submission) },
      responses: {
        201: body(SubmissionReceipt, 'Stored.'),
        200: body(SubmissionReceipt, 'Already stored (a retry).'),
        400: error('Invalid input.'),
        403: error('The ballot is not signed for this cohort of this pulse.'),
        409: error('The ballot was used for different answers.'),
        410: error('The pulse has closed.'),
      },
    }),
    async (c) => {
      const submission = c.req.valid('json');
      const outcome = await submitResponse(c.var.services, c.req.valid('param').id, submission);
      const receipt = { status: 'accepted' as const, receiptHash: submission.receiptHash };
      return outcome === 'accepted' ? c.json(receipt, 201) : c.json(receipt, 200);
    },
  );
