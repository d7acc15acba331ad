import { describe, expect, it } from 'vitest';
import { isCurrent, navigationFor } from './navigation.ts';

describe('isCurrent', () => {
  it.each([
    ['/', '/', true],
    ['/status', '/', false],
    ['/status', '/status', true],
    ['/status/history', '/status', true],
    ['/statuses', '/status', false],
    ['/results', '/results', true],
    ['/results/overview', '/results', false],
    ['/results/overview', '/results/overview', true],
  ] as const)('on %s, the item %s is current: %s', (pathname, href, expected) => {
    expect(isCurrent(pathname, href)).toBe(expected);
  });
});

describe('navigationFor', () => {
  const hrefs = (role: Parameters<typeof navigationFor>[0]) => navigationFor(role).map((item) => item.href);

  it('shows a signed-out visitor only what is public', () => {
    expect(hrefs(null)).toEqual(['/', '/status']);
  });

  it('shows a manager the directory of their scope', () => {
    expect(hrefs('manager')).toEqual(['/', '/pulses', '/results', '/comments', '/people', '/units', '/status']);
  });

  it('shows an HR leader everything', () => {
    expect(hrefs('hr_admin')).toEqual([
      '/',
      '/pulses',
      '/results',
      '/results/overview',
      '/comments',
      '/campaigns',
      '/ambassadors',
      '/people',
      '/units',
      '/import',
      '/audit',
      '/outbox',
      '/status',
    ]);
  });
});
