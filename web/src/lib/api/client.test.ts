import { describe, expect, it, vi } from 'vitest';
import { ApiRequestError, createApi, errorFromResponse } from './client.ts';

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

const healthy = { status: 'ok', database: { kind: 'pglite', migration: '2025-11-01_initial' } };

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject');
}

describe('api.health', () => {
  it('asks the health endpoint for JSON, with same-origin credentials, and returns the body', async () => {
    const fetchImpl = vi.fn<typeof fetch>(async () => json(200, healthy));
    const api = createApi(fetchImpl);

    await expect(api.health()).resolves.toEqual(healthy);

    const [url, init] = fetchImpl.mock.calls[0] ?? [];
    expect(url).toBe('/api/v1/health');
    expect(init?.method).toBe('GET');
    expect(init?.credentials).toBe('same-origin');
    expect(new Headers(init?.headers).get('accept')).toBe('application/json');
    expect(init?.body).toBeUndefined();
  });

  it('turns a 503 envelope into an ApiRequestError with code, request id and details', async () => {
    const envelope = {
      error: {
        code: 'unavailable',
        message: 'The pglite database is not reachable.',
        details: { database: { kind: 'pglite' } },
        requestId: 'req_42',
      },
    };
    const api = createApi(async () => json(503, envelope));

    const error = await rejection(api.health());

    expect(error).toBeInstanceOf(ApiRequestError);
    expect(error).toMatchObject({
      status: 503,
      code: 'unavailable',
      message: 'The pglite database is not reachable.',
      requestId: 'req_42',
      details: { database: { kind: 'pglite' } },
    });
  });

  it('reports a request that never got an answer as a network error', async () => {
    const api = createApi(async () => {
      throw new TypeError('Failed to fetch');
    });

    const error = await rejection(api.health());

    expect(error).toBeInstanceOf(ApiRequestError);
    expect(error).toMatchObject({ status: 0, code: 'network', requestId: null });
  });

  it('lets the caller’s own cancellation through as it is', async () => {
    const controller = new AbortController();
    const api = createApi(
      (_input, init) =>
        new Promise<Response>((_resolve, reject) => {
          init?.signal?.addEventListener('abort', () => reject(init.signal?.reason));
        }),
    );

    const pending = rejection(api.health({ signal: controller.signal }));
    controller.abort();
    const error = await pending;

    expect(error).not.toBeInstanceOf(ApiRequestError);
    expect(error).toHaveProperty('name', 'AbortError');
  });

  it('refuses a successful answer that is not JSON (a page instead of the API)', async () => {
    const api = createApi(async () => new Response('<!doctype html><title>InsideOut</title>', { status: 200 }));
    expect(await rejection(api.health())).toMatchObject({ code: 'internal', status: 200 });
  });
});

describe('errorFromResponse', () => {
  it.each([
    [502, 'unavailable'],
    [504, 'unavailable'],
    [503, 'unavailable'],
    [429, 'rate_limited'],
    [404, 'not_found'],
    [418, 'internal'],
  ] as const)('derives a code from status %i when the body is not an envelope', (status, code) => {
    expect(errorFromResponse(status, '<html>Bad gateway</html>')).toMatchObject({ status, code, requestId: null });
  });

  it('does not trust a code outside the contract', () => {
    const error = errorFromResponse(409, { error: { code: 'teapot', message: 'no', requestId: 'r' } });
    expect(error.code).toBe('conflict');
  });
});
