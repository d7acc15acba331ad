import { describe, expect, it } from 'vitest';
import { mayAccess, safeNext, signInPath } from './access.ts';
import { resetTokenFrom } from './reset-token.ts';

describe('mayAccess', () => {
  it.each([
    [null, 'everyone', true],
    [null, 'staff', false],
    ['manager', 'staff', true],
    ['manager', 'hr', false],
    ['hr_admin', 'hr', true],
    ['employee', 'staff', false],
  ] as const)('%s may open a page for %s: %s', (role, access, expected) => {
    expect(mayAccess(role, access)).toBe(expected);
  });
});

describe('signInPath', () => {
  it('comes back to the page asked for, query included', () => {
    expect(signInPath(new URL('http://x/people?unit=u1'))).toBe('/sign-in?next=%2Fpeople%3Funit%3Du1');
  });

  it.each(['/', '/reset-password', '/forgot-password', '/setup'])('needs no way back to %s', (path) => {
    expect(signInPath(new URL(`http://x${path}`))).toBe('/sign-in');
  });
});

describe('safeNext', () => {
  it.each([
    ['/people?unit=u1', '/people?unit=u1'],
    ['/units#top', '/units#top'],
    [null, '/'],
    ['', '/'],
    ['https://evil.example/', '/'],
    ['//evil.example/path', '/'],
    ['/\\evil.example', '/'],
    ['javascript:alert(1)', '/'],
    ['/sign-in?next=/people', '/'],
  ])('takes %s to %s', (next, expected) => {
    expect(safeNext(next)).toBe(expected);
  });
});

describe('resetTokenFrom', () => {
  it('reads the token of a mailed link', () => {
    expect(resetTokenFrom('#token=0b7d4c1e-1111-4222-8333-444455556666.abc_DEF-123')).toBe(
      '0b7d4c1e-1111-4222-8333-444455556666.abc_DEF-123',
    );
  });

  it.each(['', '#', '#token=', '#other=1'])('finds none in %j', (hash) => {
    expect(resetTokenFrom(hash)).toBeNull();
  });
});
