import { latestMigrationName } from '@insideout/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError, testApp } from '../support/http.ts';
import { freshDatabase, type TestDatabase } from '../support/postgres.ts';

let store: TestDatabase;
let client: ReturnType<typeof testApp>;

beforeAll(async () => {
  store = await freshDatabase();
  client = testApp(store, { maxBodyBytes: 1024 });
});
afterAll(() => store.close());

describe('health', () => {
  it('answers 200 with the database kind and the applied migration', async () => {
    const response = await client.get('/api/v1/health');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      status: 'ok',
      database: { kind: 'postgres', migration: latestMigrationName() },
    });
  });
});

describe('every response carries the security headers', () => {
  it.each(['/api/v1/health', '/api/v1/missing', '/api/openapi.json'])('%s', async (path) => {
    const response = await client.get(path);
    const hsts = response.headers.get('strict-transport-security') ?? '';
    expect(Number(/max-age=(\d+)/.exec(hsts)?.[1])).toBeGreaterThanOrEqual(31_536_000);
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });
});

describe('request ids', () => {
  it('gives each response a distinct id', async () => {
    const [a, b] = await Promise.all([client.get('/api/v1/health'), client.get('/api/v1/health')]);
    expect(a.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(a.headers.get('x-request-id')).not.toBe(b.headers.get('x-request-id'));
  });

  it("keeps a caller's well-formed id so logs can be correlated", async () => {
    const response = await client.get('/api/v1/health', { 'x-request-id': 'trace-123' });
    expect(response.headers.get('x-request-id')).toBe('trace-123');
  });
});

describe('bad requests get the error envelope, never a 500', () => {
  const cases = [
    {
      what: 'an unknown API route',
      request: () => client.get('/api/v1/no-such-thing'),
      status: 404,
      code: 'not_found',
    },
    {
      what: 'malformed JSON',
      request: () => client.postJson('/api/v1/auth/login', '{"email": "a@b.test", "password": '),
      status: 400,
      code: 'invalid_input',
    },
    {
      what: 'JSON of the wrong shape',
      request: () => client.postJson('/api/v1/auth/login', { email: 42 }),
      status: 400,
      code: 'invalid_input',
    },
    {
      what: 'a body that is not JSON',
      request: () =>
        client.app.request('/api/v1/health', {
          method: 'POST',
          body: 'a=1',
          headers: { 'content-type': 'text/plain' },
        }),
      status: 415,
      code: 'unsupported_media_type',
    },
    {
      what: 'a body over the size limit',
      request: () => client.postJson('/api/v1/health', { padding: 'x'.repeat(4096) }),
      status: 413,
      code: 'payload_too_large',
    },
    {
      what: 'an oversized body sent without a length (chunked)',
      request: () =>
        client.app.request('/api/v1/health', {
          method: 'POST',
          body: new Blob(['{"a":"', 'x'.repeat(8192), '"}']).stream(),
          headers: { 'content-type': 'application/json' },
          duplex: 'half',
        } as RequestInit),
      status: 413,
      code: 'payload_too_large',
    },
  ];

  it.each(cases)('$what → $status $code', async ({ request, status, code }) => {
    await expectError(await request(), status, code);
  });
});

describe('API description', () => {
  it('publishes the OpenAPI document with every route', async () => {
    const response = await client.get('/api/openapi.json');
    expect(response.status).toBe(200);
    const doc = (await response.json()) as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toContain('/api/v1/health');
  });

  it('serves a reference page whose assets come from this server', async () => {
    const page = await client.get('/api/docs');
    expect(page.status).toBe(200);
    const html = await page.text();
    const sources = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1] ?? '');
    expect(sources.length).toBeGreaterThan(0);
    for (const source of sources) {
      expect(source.startsWith('/api/docs/')).toBe(true);
      expect((await client.get(source)).status).toBe(200);
    }
  });
});
