import { describe, expect, it, vi } from 'vitest';
import { ApiRequestError, createApi } from '../api/client.ts';

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const session = {
  csrfToken: 'csrf-1',
  person: { id: 'p', displayName: 'Hélène', email: 'h@x.test', role: 'hr_admin' },
  org: { id: 'o', name: 'Org' },
};

/** A client signed in as HR, with a fetch that answers the sign-in and then the given responses. */
async function signedIn(...answers: Response[]) {
  const fetchImpl = vi.fn<typeof fetch>(async () => answers.shift() ?? json(500, {}));
  const api = createApi(fetchImpl);
  answers.unshift(json(200, session));
  await api.login({ email: 'h@x.test', password: 'a passphrase long enough' });
  return { api, fetchImpl };
}

describe('the pulse actions of the API client', () => {
  it('open, close and remind with the session’s CSRF token', async () => {
    const { api, fetchImpl } = await signedIn(json(200, { id: 'x' }), json(200, { reminded: 4 }));
    await api.openPulse('a/b');
    await expect(api.remindPulse('a/b')).resolves.toBe(4);

    const [openUrl, openInit] = fetchImpl.mock.calls[1] ?? [];
    expect(openUrl).toBe('/api/v1/pulses/a%2Fb/open');
    expect(openInit?.method).toBe('POST');
    expect(new Headers(openInit?.headers).get('x-csrf-token')).toBe('csrf-1');
    expect(fetchImpl.mock.calls[2]?.[0]).toBe('/api/v1/pulses/a%2Fb/reminders');
  });

  it('downloads the invitation links as a file', async () => {
    const csv = 'email,name,link\r\n"a@x.test","A","http://x/survey#t"';
    const { api, fetchImpl } = await signedIn(
      new Response(csv, { status: 200, headers: { 'content-type': 'text/csv' } }),
    );
    const file = await api.invitationLinks('p1');
    expect(await file.text()).toBe(csv);
    const [url, init] = fetchImpl.mock.calls[1] ?? [];
    expect(url).toBe('/api/v1/pulses/p1/invitation-links');
    expect(init?.credentials).toBe('same-origin');
  });

  it('reports a refused export as an ApiRequestError, and an ended session to its listeners', async () => {
    const closed = json(409, { error: { code: 'conflict', message: 'not open', requestId: 'r1' } });
    const expired = json(401, { error: { code: 'unauthenticated', message: 'no session', requestId: 'r2' } });
    const { api } = await signedIn(closed, expired);
    const ended = vi.fn();
    api.onSessionEnded(ended);

    await expect(api.invitationLinks('p1')).rejects.toMatchObject({ status: 409, code: 'conflict' });
    const error = await api.invitationLinks('p1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiRequestError);
    expect(ended).toHaveBeenCalledTimes(1);
  });
});
