import { describe, expect, it } from 'vitest';
import { ApiRequestError } from '../api/client.ts';
import { createSurveyApi } from './api.ts';

/** A fetch that records each request and answers with the given status and body. */
function recorder(status: number, body: unknown) {
  const requests: Array<{ url: string; init: RequestInit }> = [];
  const fetchImpl: typeof fetch = async (input, init = {}) => {
    requests.push({ url: String(input), init });
    return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  };
  return { requests, api: createSurveyApi(fetchImpl) };
}

const headersOf = (init: RequestInit) => init.headers as Record<string, string>;

describe('the survey API', () => {
  it('reads the survey with the invitation, never with cookies', async () => {
    const { requests, api } = recorder(200, { pulse: {} });
    await api.survey('org.secret');
    expect(requests[0]?.url).toBe('/api/v1/survey');
    expect(requests[0]?.init.credentials).toBe('omit');
    expect(headersOf(requests[0]?.init ?? {}).authorization).toBe('Invitation org.secret');
  });

  it('sends the response without the invitation and without cookies, and says whether it was new', async () => {
    const { requests, api } = recorder(200, { status: 'accepted' });
    const status = await api.submit('p/1', {
      cohortId: 'c',
      message: 'm',
      signature: 's',
      answers: [],
      comments: [],
      receiptHash: 'h',
    });
    expect(status).toBe(200);
    expect(requests[0]?.url).toBe('/api/v1/pulses/p%2F1/responses');
    expect(requests[0]?.init.credentials).toBe('omit');
    expect(requests[0]?.init.method).toBe('POST');
    expect(headersOf(requests[0]?.init ?? {}).authorization).toBeUndefined();
  });

  it('reads the public manifest without the invitation', async () => {
    const { requests, api } = recorder(200, { pulseId: 'p', cohorts: [] });
    await api.manifest('p');
    expect(headersOf(requests[0]?.init ?? {}).authorization).toBeUndefined();
    expect(requests[0]?.init.credentials).toBe('omit');
  });

  it('turns an error envelope into an ApiRequestError, and no answer at all into a network error', async () => {
    const { api } = recorder(410, { error: { code: 'pulse_closed', message: 'closed', requestId: 'r1' } });
    await expect(api.survey('org.secret')).rejects.toMatchObject({ status: 410, code: 'pulse_closed' });

    const offline = createSurveyApi(async () => {
      throw new TypeError('Failed to fetch');
    });
    const failure = await offline.signBallot('org.secret', 'blinded').catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ApiRequestError);
    expect(failure).toMatchObject({ status: 0, code: 'network' });
  });
});

describe('the conversation API', () => {
  it('looks a receipt up and answers back with the receipt alone: no cookie, no invitation, no referrer', async () => {
    const { requests, api } = recorder(200, { pulse: {}, kComments: 10, comments: [] });
    await api.conversation('7KQ2M9XD4TRB0HZF');
    await api.followUp('c/1', '7KQ2M9XD4TRB0HZF', 'And next?');
    expect(requests.map((request) => [request.init.method, request.url, request.init.body])).toEqual([
      ['POST', '/api/v1/conversations/lookup', '{"receipt":"7KQ2M9XD4TRB0HZF"}'],
      ['POST', '/api/v1/conversations/comments/c%2F1/follow-ups', '{"receipt":"7KQ2M9XD4TRB0HZF","body":"And next?"}'],
    ]);
    for (const request of requests) {
      expect(request.init.credentials).toBe('omit');
      expect(request.init.referrerPolicy).toBe('no-referrer');
      expect(headersOf(request.init).authorization).toBeUndefined();
    }
  });
});
