import type { Pulse } from '@insideout/contracts';

/**
 * The HR leader of the browser suite's shared store, over HTTP from the test process. The same
 * account as the directory journey's: it sets the org up when nobody has yet, and otherwise signs in.
 */
export const browserHr = {
  org: 'Browser Test Org',
  name: 'Hélène Browser',
  email: 'helene.hr@browser.test',
  password: 'a passphrase long enough',
};

export interface HrApi {
  /** Calls the API with the session cookie and CSRF token; rejects on any status but 2xx. */
  call<T = unknown>(method: string, path: string, body?: unknown): Promise<T>;
}

export async function hrApi(appUrl: string): Promise<HrApi> {
  let cookie = '';
  let csrf = '';
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (method !== 'GET') headers['content-type'] = 'application/json';
    if (cookie) headers.cookie = cookie;
    if (csrf && method !== 'GET') headers['x-csrf-token'] = csrf;
    const response = await fetch(`${appUrl}/api/v1${path}`, {
      method,
      headers,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const setCookie = response.headers.get('set-cookie');
    if (setCookie) cookie = setCookie.split(';')[0] ?? '';
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  };
  const { needed } = await call<{ needed: boolean }>('GET', '/setup');
  const session = needed
    ? await call<{ csrfToken: string }>('POST', '/setup', {
        orgName: browserHr.org,
        displayName: browserHr.name,
        email: browserHr.email,
        password: browserHr.password,
      })
    : await call<{ csrfToken: string }>('POST', '/auth/login', {
        email: browserHr.email,
        password: browserHr.password,
      });
  csrf = session.csrfToken;
  return { call };
}

interface UnitRow {
  id: string;
  parentId: string | null;
}

/** A unit under the top of the org chart, with `size` active people in it; returns its id and their e-mails. */
export async function newTeam(hr: HrApi, name: string, size: number, tag: string) {
  const { units } = await hr.call<{ units: UnitRow[] }>('GET', '/units');
  const root = units.find((unit) => unit.parentId === null);
  if (!root) throw new Error('no root unit');
  const unit = await hr.call<{ id: string }>('POST', '/units', { name, parentId: root.id });
  const emails: string[] = [];
  for (let i = 0; i < size; i += 1) {
    const email = `member${i}.${tag}@browser.test`;
    await hr.call('POST', '/people', { email, displayName: `Member ${i} ${tag}`, unitId: unit.id });
    emails.push(email);
  }
  return { unitId: unit.id, emails };
}

/** A pulse on these units with these bank questions (the first required), opened at once. */
export async function openPulse(hr: HrApi, title: string, unitIds: string[], questionKeys: string[]) {
  const now = Date.now();
  const pulse = await hr.call<Pulse>('POST', '/pulses', {
    title,
    opensAt: new Date(now - 60_000).toISOString(),
    closesAt: new Date(now + 7 * 86_400_000).toISOString(),
    recurrence: 'none',
    audienceUnitIds: unitIds,
    items: questionKeys.map((questionKey, index) => ({ questionKey, required: index === 0 })),
  });
  await hr.call('POST', `/pulses/${pulse.id}/open`);
  return pulse;
}

/** The invitation token mailed to each address, read from the development outbox. */
export async function invitationTokens(hr: HrApi, emails: readonly string[]): Promise<Map<string, string>> {
  const { messages } = await hr.call<{ messages: Array<{ to: string; text: string }> }>('GET', '/outbox');
  const tokens = new Map<string, string>();
  for (const message of messages) {
    const token = /\/survey#([\w.-]+)/.exec(message.text)?.[1];
    if (token && emails.includes(message.to) && !tokens.has(message.to)) tokens.set(message.to, token);
  }
  return tokens;
}
