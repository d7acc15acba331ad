import { describe, expect, it } from 'vitest';
import { invitationStorageKey, takeInvitation } from './invitation.ts';

function storage(initial: Record<string, string> = {}) {
  const values = new Map(Object.entries(initial));
  return {
    values,
    getItem: (key: string) => values.get(key) ?? null,
    setItem: (key: string, value: string) => void values.set(key, value),
  };
}

describe('takeInvitation', () => {
  it('reads the token from the link and keeps it for the tab', () => {
    const tab = storage();
    expect(takeInvitation('#org-1.secret', tab)).toEqual({ token: 'org-1.secret', fromLink: true });
    expect(tab.values.get(invitationStorageKey)).toBe('org-1.secret');
  });

  it('after a reload (the fragment gone), uses the token the tab kept', () => {
    const tab = storage({ [invitationStorageKey]: 'org-1.secret' });
    expect(takeInvitation('', tab)).toEqual({ token: 'org-1.secret', fromLink: false });
  });

  it('prefers a new link to the token kept from an earlier one', () => {
    const tab = storage({ [invitationStorageKey]: 'old.token' });
    expect(takeInvitation('#new.token', tab).token).toBe('new.token');
    expect(tab.values.get(invitationStorageKey)).toBe('new.token');
  });

  it('has no token without a link or storage', () => {
    expect(takeInvitation('', null)).toEqual({ token: null, fromLink: false });
    expect(takeInvitation('#', storage())).toEqual({ token: null, fromLink: false });
  });

  it('still reads the link where storage is blocked', () => {
    const blocked = {
      getItem: () => {
        throw new DOMException('blocked', 'SecurityError');
      },
      setItem: () => {
        throw new DOMException('blocked', 'SecurityError');
      },
    };
    expect(takeInvitation('#org.secret', blocked)).toEqual({ token: 'org.secret', fromLink: true });
    expect(takeInvitation('', blocked)).toEqual({ token: null, fromLink: false });
  });
});
