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

const session = {
  person: {
    id: '00000000-0000-4000-8000-000000000001',
    displayName: 'Hana',
    email: 'hana@acme.test',
    role: 'hr_admin',
  },
  org: { id: '00000000-0000-4000-8000-000000000002', name: 'Acme' },
  csrfToken: 'csrf-1',
  expiresAt: '2030-01-01T00:00:00.000Z',
};

/** A fetch that answers from a script of responses and records what it was asked. */
function scripted(...responses: Response[]) {
  return vi.fn<typeof fetch>(async () => responses.shift() ?? json(500, {}));
}

const headersOf = (fetchImpl: ReturnType<typeof scripted>, call: number) =>
  new Headers(fetchImpl.mock.calls[call]?.[1]?.headers);

describe('the session’s CSRF token', () => {
  it('is sent with every write once signed in, and never with reads', async () => {
    const fetchImpl = scripted(json(200, session), json(201, { id: 'u1' }), json(200, { units: [] }));
    const api = createApi(fetchImpl);

    await api.login({ email: 'hana@acme.test', password: 'correct horse battery' });
    await api.createUnit({ name: 'Sales', parentId: 'root' });
    await api.units();

    expect(headersOf(fetchImpl, 0).get('x-csrf-token')).toBeNull();
    expect(headersOf(fetchImpl, 1).get('x-csrf-token')).toBe('csrf-1');
    expect(headersOf(fetchImpl, 1).get('content-type')).toBe('application/json');
    expect(headersOf(fetchImpl, 2).get('x-csrf-token')).toBeNull();
  });

  it('comes from setup and from the session check too', async () => {
    const fetchImpl = scripted(
      json(201, { ...session, csrfToken: 'from-setup' }),
      new Response(null, { status: 204 }),
      json(200, { ...session, csrfToken: 'from-check' }),
      json(200, {}),
    );
    const api = createApi(fetchImpl);

    await api.setUp({ orgName: 'Acme', displayName: 'Hana', email: 'hana@acme.test', password: 'x'.repeat(12) });
    await api.logout();
    await api.session();
    await api.changePerson('p1', { active: false });

    expect(headersOf(fetchImpl, 1).get('x-csrf-token')).toBe('from-setup');
    expect(headersOf(fetchImpl, 3).get('x-csrf-token')).toBe('from-check');
  });

  it('is forgotten after signing out', async () => {
    const fetchImpl = scripted(json(200, session), new Response(null, { status: 204 }), json(404, {}));
    const api = createApi(fetchImpl);
    await api.login({ email: 'hana@acme.test', password: 'correct horse battery' });
    await api.logout();
    await rejection(api.requestPasswordReset('hana@acme.test'));
    expect(headersOf(fetchImpl, 2).get('x-csrf-token')).toBeNull();
  });
});

describe('a session that ends', () => {
  it('is reported once when a signed-in request is refused with 401', async () => {
    const unauthenticated = { error: { code: 'unauthenticated', message: 'Sign in', requestId: 'r' } };
    const fetchImpl = scripted(json(200, session), json(401, unauthenticated), json(401, unauthenticated));
    const api = createApi(fetchImpl);
    const ended = vi.fn();
    api.onSessionEnded(ended);

    await api.login({ email: 'hana@acme.test', password: 'correct horse battery' });
    expect(await rejection(api.units())).toMatchObject({ code: 'unauthenticated' });
    await rejection(api.units());

    expect(ended).toHaveBeenCalledTimes(1);
  });

  it('is not what a wrong password is', async () => {
    const wrong = { error: { code: 'unauthenticated', message: 'Wrong', requestId: 'r' } };
    const api = createApi(scripted(json(200, session), json(401, wrong)));
    const ended = vi.fn();
    api.onSessionEnded(ended);

    await api.login({ email: 'hana@acme.test', password: 'correct horse battery' });
    await rejection(api.login({ email: 'hana@acme.test', password: 'wrong' }));

    expect(ended).not.toHaveBeenCalled();
  });
});

describe('directory requests', () => {
  it('spell filters as a query string, leaving out empty ones', async () => {
    const fetchImpl = scripted(json(200, { people: [], total: 0, nextCursor: null }));
    await createApi(fetchImpl).people({ q: 'ana maría', role: 'manager', active: false, unitId: '', limit: 50 });
    expect(fetchImpl.mock.calls[0]?.[0]).toBe('/api/v1/people?q=ana+mar%C3%ADa&role=manager&active=false&limit=50');
  });

  it('declare JSON on every write, bodiless ones included', async () => {
    const fetchImpl = scripted(new Response(null, { status: 204 }));
    await createApi(fetchImpl).deleteUnit('u1');
    expect(fetchImpl.mock.calls[0]?.[1]?.method).toBe('DELETE');
    expect(headersOf(fetchImpl, 0).get('content-type')).toBe('application/json');
  });

  it('accept an answer without a body where the API gives none', async () => {
    const api = createApi(scripted(new Response(null, { status: 202 }), new Response(null, { status: 204 })));
    await expect(api.requestPasswordReset('hana@acme.test')).resolves.toBeUndefined();
    await expect(api.deleteUnit('u1')).resolves.toBeUndefined();
  });

  it('escape ids in paths', async () => {
    const fetchImpl = scripted(json(200, {}));
    await createApi(fetchImpl).person('../units');
    expect(fetchImpl.mock.calls[0]?.[0]).toBe('/api/v1/people/..%2Funits');
  });
});

describe('dialogue requests', () => {
  it('spell the comments filter as the API reads it, flags as true or false', async () => {
    const fetchImpl = scripted(json(200, {}));
    await createApi(fetchImpl).comments({
      unitId: 'u1',
      driver: 'general',
      state: 'follow_up',
      flagged: true,
      limit: 50,
    });
    expect(fetchImpl.mock.calls[0]?.[0]).toBe(
      '/api/v1/comments?unitId=u1&driver=general&state=follow_up&flagged=true&limit=50',
    );
  });

  it('send a reply and a mark as JSON writes to the comment', async () => {
    const fetchImpl = scripted(json(201, {}), json(200, {}));
    const api = createApi(fetchImpl);
    await api.replyToComment('c/1', { acknowledgement: 'on_it', body: '' });
    await api.markAddressed('c/1', true);
    expect(fetchImpl.mock.calls.map(([url, init]) => [init?.method, url, init?.body])).toEqual([
      ['POST', '/api/v1/comments/c%2F1/replies', '{"acknowledgement":"on_it","body":""}'],
      ['PUT', '/api/v1/comments/c%2F1/status', '{"addressed":true}'],
    ]);
  });
});
