import { type App, createApp } from '@insideout/api';
import type { ErrorEnvelope } from '@insideout/contracts';
import type { Db } from '@insideout/db';
import { expect } from 'vitest';

/** The api in-process, over `app.request()`: real routing, middleware and database, no socket. */
export function testApp(db: Db, options: { maxBodyBytes?: number } = {}) {
  const app: App = createApp({ db, ...options });
  return {
    app,
    get: (path: string, headers: Record<string, string> = {}) => app.request(path, { headers }),
    postJson: (path: string, body: unknown, headers: Record<string, string> = {}) =>
      app.request(path, {
        method: 'POST',
        body: typeof body === 'string' ? body : JSON.stringify(body),
        headers: { 'content-type': 'application/json', ...headers },
      }),
  };
}

/** Asserts the response is the error envelope with this status and code, and returns it. */
export async function expectError(response: Response, status: number, code: string): Promise<ErrorEnvelope> {
  const body = (await response.json()) as ErrorEnvelope;
  expect({ status: response.status, code: body.error?.code }).toEqual({ status, code });
  expect(body.error.message).toEqual(expect.any(String));
  expect(body.error.requestId).toEqual(response.headers.get('x-request-id'));
  return body;
}
