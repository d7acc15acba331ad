import { describe, expect, it } from 'vitest';
import { dayFormat } from './format.ts';

describe('dayFormat', () => {
  it('writes the day an employee’s message keeps, whatever the reader’s time zone', () => {
    // Only the day is stored, as midnight UTC: read in UTC, it never slips to the day before.
    expect(dayFormat('en').format(new Date('2026-11-22T00:00:00.000Z'))).toMatch(/22/);
    expect(dayFormat('en').resolvedOptions().timeZone).toBe('UTC');
  });
});
