import type { SessionInfo } from '@insideout/contracts';
import { describe, expect, it, vi } from 'vitest';
import { ApiRequestError } from '../api/client.ts';
import { Session, type SessionHint, sessionHintKey } from './session.svelte.ts';

const info: SessionInfo = {
  person: {
    id: '00000000-0000-4000-8000-000000000001',
    displayName: 'Hana',
    email: 'hana@acme.test',
    role: 'hr_admin',
  },
  org: { id: '00000000-0000-4000-8000-000000000002', name: 'Acme' },
  csrfToken: 'csrf',
  expiresAt: '2030-01-01T00:00:00.000Z',
};

const apiError = (code: 'unauthenticated' | 'forbidden' | 'unavailable' | 'rate_limited', status: number) =>
  new ApiRequestError({ status, code, message: code });

function memoryHint(initial: Record<string, string> = {}) {
  const values = new Map(Object.entries(initial));
  return {
    values,
    getItem: (key: string) => values.get(key) ?? null,
    setItem: (key: string, value: string) => void values.set(key, value),
    removeItem: (key: string) => void values.delete(key),
  };
}

/** A stand-in for the API client with the calls the session makes. */
function fakeApi(overrides: Partial<Record<'session' | 'login' | 'logout' | 'setUp', () => Promise<unknown>>> = {}) {
  let ended: (() => void) | undefined;
  const api = {
    session: vi.fn(overrides.session ?? (async () => info)),
    login: vi.fn(overrides.login ?? (async () => info)),
    logout: vi.fn(overrides.logout ?? (async () => undefined)),
    setUp: vi.fn(overrides.setUp ?? (async () => info)),
    onSessionEnded: (listener: () => void) => {
      ended = listener;
      return () => undefined;
    },
    endSession: () => ended?.(),
  };
  return api as typeof api & ConstructorParameters<typeof Session>[0];
}

describe('Session.load', () => {
  it('asks the API once when this browser signed in before, and exposes who it is', async () => {
    const api = fakeApi();
    const session = new Session(api, memoryHint({ [sessionHintKey]: '1' }));
    expect(session.state).toBe('unknown');

    await Promise.all([session.load(), session.load()]);

    expect(api.session).toHaveBeenCalledTimes(1);
    expect(session.state).toBe('signed-in');
    expect(session.person?.displayName).toBe('Hana');
    expect(session.org?.name).toBe('Acme');
    expect(session.role).toBe('hr_admin');
  });

  it('does not ask when this browser never signed in (the 401 would be logged by the browser)', async () => {
    const api = fakeApi();
    const session = new Session(api, memoryHint());
    await session.load();
    expect(api.session).not.toHaveBeenCalled();
    expect(session.state).toBe('signed-out');
  });

  it('asks when storage is unavailable', async () => {
    const api = fakeApi();
    await new Session(api, null).load();
    expect(api.session).toHaveBeenCalledTimes(1);
  });

  it('treats a 401 as signed out, quietly, and forgets the note', async () => {
    const hint = memoryHint({ [sessionHintKey]: '1' });
    const session = new Session(
      fakeApi({
        session: async () => {
          throw apiError('unauthenticated', 401);
        },
      }),
      hint,
    );
    await expect(session.load()).resolves.toBeUndefined();
    expect(session.state).toBe('signed-out');
    expect(session.error).toBeNull();
    expect(hint.values.has(sessionHintKey)).toBe(false);
  });

  it('keeps the note when the service could not answer, and says why', async () => {
    const hint = memoryHint({ [sessionHintKey]: '1' });
    const down = apiError('unavailable', 503);
    const session = new Session(
      fakeApi({
        session: async () => {
          throw down;
        },
      }),
      hint,
    );
    await session.load();
    expect(session.state).toBe('signed-out');
    expect(session.error).toBe(down);
    expect(hint.values.get(sessionHintKey)).toBe('1');
  });
});

describe('signing in and out', () => {
  it('signs in, notes it, and signs out', async () => {
    const hint: SessionHint & { values: Map<string, string> } = memoryHint();
    const api = fakeApi();
    const session = new Session(api, hint);
    await session.load();

    await session.signIn({ email: 'hana@acme.test', password: 'correct horse battery' });
    expect(session.signedIn).toBe(true);
    expect(hint.values.get(sessionHintKey)).toBe('1');

    await session.signOut();
    expect(api.logout).toHaveBeenCalledTimes(1);
    expect(session.state).toBe('signed-out');
    expect(session.person).toBeNull();
    expect(hint.values.has(sessionHintKey)).toBe(false);
  });

  it('leaves the state alone when the password is wrong', async () => {
    const wrong = apiError('unauthenticated', 401);
    const session = new Session(
      fakeApi({
        login: async () => {
          throw wrong;
        },
      }),
      memoryHint(),
    );
    await session.load();
    await expect(session.signIn({ email: 'a@b.c', password: 'nope' })).rejects.toBe(wrong);
    expect(session.state).toBe('signed-out');
  });

  it('closes a session it did not know about, then signs in', async () => {
    let attempts = 0;
    const api = fakeApi({
      login: async () => {
        attempts += 1;
        if (attempts === 1) throw apiError('forbidden', 403);
        return info;
      },
    });
    const session = new Session(api, memoryHint());
    await session.signIn({ email: 'hana@acme.test', password: 'correct horse battery' });
    expect(api.session).toHaveBeenCalledTimes(1);
    expect(api.logout).toHaveBeenCalledTimes(1);
    expect(session.signedIn).toBe(true);
  });

  it('signs in with the first-run setup', async () => {
    const session = new Session(fakeApi(), memoryHint());
    await session.setUp({ orgName: 'Acme', displayName: 'Hana', email: 'hana@acme.test', password: 'x'.repeat(12) });
    expect(session.role).toBe('hr_admin');
  });

  it('is signed out locally even when the session had already ended on the server', async () => {
    const session = new Session(
      fakeApi({
        logout: async () => {
          throw apiError('unauthenticated', 401);
        },
      }),
      memoryHint({ [sessionHintKey]: '1' }),
    );
    await session.load();
    await expect(session.signOut()).resolves.toBeUndefined();
    expect(session.state).toBe('signed-out');
  });

  it('follows the API when a session ends on its own', async () => {
    const api = fakeApi();
    const session = new Session(api, memoryHint({ [sessionHintKey]: '1' }));
    await session.load();
    api.endSession();
    expect(session.state).toBe('signed-out');
  });
});
