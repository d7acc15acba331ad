import { type App, createApp, createKeyring, createMailer, type Services } from '@insideout/api';
import type { ErrorEnvelope, SessionInfo } from '@insideout/contracts';
import type { Db } from '@insideout/db';
import { expect } from 'vitest';

type Json = Record<string, unknown> | unknown[] | string;

export interface TestApp {
  app: App;
  services: Services;
  request(method: string, path: string, body?: Json, headers?: Record<string, string>): Promise<Response>;
  get(path: string, headers?: Record<string, string>): Promise<Response>;
  postJson(path: string, body: Json, headers?: Record<string, string>): Promise<Response>;
  /** Signs in through the API and returns a client that sends the session cookie and CSRF token. */
  signIn(email: string, password: string): Promise<StaffClient>;
}

export interface StaffClient {
  session: SessionInfo;
  request(method: string, path: string, body?: Json, headers?: Record<string, string>): Promise<Response>;
  get(path: string): Promise<Response>;
}

/** The api in-process, over `app.request()`: real routing, middleware and database, no socket. */
export function testApp(store: Db, options: { maxBodyBytes?: number; services?: Partial<Services> } = {}): TestApp {
  const services: Services = {
    store,
    mailer: createMailer({ from: 'InsideOut <no-reply@insideout.test>' }),
    keyring: createKeyring(new Uint8Array(32).fill(7)),
    publicUrl: 'http://insideout.test',
    session: { idleMinutes: 120, absoluteHours: 12 },
    now: () => new Date(),
    ...options.services,
  };
  const app: App = createApp({ services, ...(options.maxBodyBytes ? { maxBodyBytes: options.maxBodyBytes } : {}) });
  const request = async (method: string, path: string, body?: Json, headers: Record<string, string> = {}) =>
    app.request(path, {
      method,
      ...(body === undefined
        ? { headers }
        : {
            body: typeof body === 'string' ? body : JSON.stringify(body),
            headers: { 'content-type': 'application/json', ...headers },
          }),
    });
  const client: TestApp = {
    app,
    services,
    request,
    get: (path, headers) => request('GET', path, undefined, headers),
    postJson: (path, body, headers) => request('POST', path, body, headers),
    signIn: async (email, password) => {
      const response = await request('POST', '/api/v1/auth/login', { email, password });
      expect(response.status, `sign-in of ${email}`).toBe(200);
      const session = (await response.json()) as SessionInfo;
      const cookie = sessionCookieOf(response);
      const staffRequest = (method: string, path: string, body?: Json, headers: Record<string, string> = {}) =>
        request(method, path, body, { cookie, 'x-csrf-token': session.csrfToken, ...headers });
      return { session, request: staffRequest, get: (path) => staffRequest('GET', path) };
    },
  };
  return client;
}

export function sessionCookieOf(response: Response): string {
  const setCookie = response.headers.get('set-cookie') ?? '';
  const pair = setCookie.split(';')[0];
  if (!pair?.startsWith('__Host-insideout_session=')) throw new Error(`no session cookie in: ${setCookie}`);
  return pair;
}

/** Asserts the response is the error envelope with this status and code, and returns it. */
export async function expectError(response: Response, status: number, code: string): Promise<ErrorEnvelope> {
  const body = (await response.json()) as ErrorEnvelope;
  expect({ status: response.status, code: body.error?.code }).toEqual({ status, code });
  expect(body.error.message).toEqual(expect.any(String));
  expect(body.error.requestId).toEqual(response.headers.get('x-request-id'));
  return body;
}
