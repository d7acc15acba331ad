import { describe, expect, it } from 'vitest';
import { isCurrent } from './navigation.ts';

describe('isCurrent', () => {
  it.each([
    ['/', '/', true],
    ['/status', '/', false],
    ['/status', '/status', true],
    ['/status/history', '/status', true],
    ['/statuses', '/status', false],
  ] as const)('on %s, the item %s is current: %s', (pathname, href, expected) => {
    expect(isCurrent(pathname, href)).toBe(expected);
  });
});
