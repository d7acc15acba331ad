import type { AuditEntry } from '@insideout/contracts';
import { describe, expect, it, vi } from 'vitest';
import type { AuditFilter, AuditPageResult } from '../api/client.ts';
import { en } from '../i18n/en.ts';
import { auditActions, auditGroups, isKnownAction } from './actions.ts';
import { AuditLog } from './audit-log.svelte.ts';
import { formatDetail, targetHref } from './details.ts';

const entry = (seq: number, action = 'unit.created'): AuditEntry => ({
  seq,
  at: '2026-11-21T10:00:00.000Z',
  actor: { id: null, label: 'Hana' },
  action,
  target: null,
  details: {},
});

describe('AuditLog', () => {
  it('reads the newest entries, then older ones before the last seen', async () => {
    const pages: AuditPageResult[] = [
      { entries: [entry(9), entry(8)], nextBefore: 8 },
      { entries: [entry(7)], nextBefore: null },
    ];
    const fetchPage = vi.fn(async (_filter: AuditFilter) => pages.shift() ?? { entries: [], nextBefore: null });
    const log = new AuditLog(fetchPage, 2);

    await log.filter('');
    expect(log.entries.map((e) => e.seq)).toEqual([9, 8]);
    expect(log.hasOlder).toBe(true);

    await log.loadOlder();
    expect(fetchPage.mock.calls.map(([filter]) => filter)).toEqual([{ limit: 2 }, { limit: 2, before: 8 }]);
    expect(log.entries.map((e) => e.seq)).toEqual([9, 8, 7]);
    expect(log.hasOlder).toBe(false);
  });

  it('filters by action prefix, starting over from the newest', async () => {
    const fetchPage = vi.fn(async (_filter: AuditFilter) => ({
      entries: [entry(3, 'person.created')],
      nextBefore: null,
    }));
    const log = new AuditLog(fetchPage);
    await log.filter('person.');
    expect(fetchPage).toHaveBeenLastCalledWith({ limit: 50, action: 'person.' }, expect.anything());
    expect(log.prefix).toBe('person.');
    expect(log.loaded).toBe(true);
  });

  it('keeps what it shows when a page fails', async () => {
    const failure = new Error('down');
    let calls = 0;
    const log = new AuditLog(async () => {
      calls += 1;
      if (calls > 1) throw failure;
      return { entries: [entry(2)], nextBefore: 2 };
    });
    await log.filter('');
    await log.loadOlder();
    expect(log.error).toBe(failure);
    expect(log.entries).toHaveLength(1);
    expect(log.loading).toBe(false);
  });
});

describe('audit actions', () => {
  it('each have a label in the catalog', () => {
    for (const action of auditActions) expect(en).toHaveProperty([`audit.action.${action}`]);
    for (const group of auditGroups) expect(en).toHaveProperty([group.label]);
  });

  it('tell a known action from a new one', () => {
    expect(isKnownAction('unit.created')).toBe(true);
    expect(isKnownAction('campaign.launched')).toBe(true);
    expect(isKnownAction('something.new')).toBe(false);
  });
});

describe('formatDetail', () => {
  it.each([
    ['text', 'text'],
    [3, '3'],
    [true, 'true'],
    [null, '—'],
    ['', '—'],
    [[], '—'],
    [['a', 'b'], 'a, b'],
    [{ before: 'Sales', after: 'Ventes' }, 'Sales → Ventes'],
    [{ before: null, after: 'x' }, '— → x'],
    [{ location: 'Paris', tenure_band: '1-3y' }, 'location: Paris, tenure_band: 1-3y'],
    [{}, '—'],
  ])('shows %j as %j', (value, expected) => {
    expect(formatDetail(value)).toBe(expected);
  });

  it('names the ids it knows', () => {
    const names = new Map([['u1', 'Sales / France']]);
    expect(formatDetail({ before: 'u1', after: 'u2' }, { names })).toBe('Sales / France → u2');
  });
});

describe('targetHref', () => {
  it('links people to their page, units and imports to theirs, anything else nowhere', () => {
    expect(targetHref({ type: 'person', id: 'p 1' })).toBe('/people/p%201');
    expect(targetHref({ type: 'unit', id: 'u1' })).toBe('/units');
    expect(targetHref({ type: 'import', id: 'i1' })).toBe('/import');
    expect(targetHref({ type: 'org', id: 'o1' })).toBeNull();
    expect(targetHref(null)).toBeNull();
  });
});
