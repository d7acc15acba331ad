import type { PeopleQuery, PersonPage } from '@insideout/contracts';
import type { Database } from '@insideout/db';
import { type Kysely, sql } from 'kysely';
import type { z } from 'zod';
import { assertUnitInScope } from '../auth/policy.ts';
import type { Actor } from '../http/env.ts';
import { ApiError } from '../http/errors.ts';
import { findUnit, inSubtrees, personViews, visiblePaths } from './queries.ts';

type PeopleFilter = z.output<typeof PeopleQuery>;
type Page = z.output<typeof PersonPage>;

/**
 * One page of the people the actor may see, by name. Keyset pagination: the cursor is the last
 * row's (lower-cased name, id), so pages stay right while people are added or renamed.
 */
export async function listPeople(db: Kysely<Database>, actor: Actor, filter: PeopleFilter): Promise<Page> {
  const after = filter.cursor === undefined ? null : decodeCursor(filter.cursor);
  let unitPath: string | null = null;
  if (filter.unitId) {
    const unit = await findUnit(db, actor.orgId, filter.unitId);
    assertUnitInScope(actor, unit);
    unitPath = unit.path;
  }

  let matching = db
    .selectFrom('people as p')
    .innerJoin('units as u', (join) => join.onRef('u.orgId', '=', 'p.orgId').onRef('u.id', '=', 'p.unitId'))
    .where('p.orgId', '=', actor.orgId)
    .where(inSubtrees('u', visiblePaths(actor)));
  if (unitPath) matching = matching.where('u.path', 'like', `${unitPath}%`);
  if (filter.role) matching = matching.where('p.role', '=', filter.role);
  if (filter.active) matching = matching.where('p.active', '=', filter.active === 'true');
  if (filter.q) {
    const pattern = `%${escapeLike(filter.q.toLowerCase())}%`;
    matching = matching.where(sql<boolean>`(lower(p.display_name) like ${pattern} or lower(p.email) like ${pattern})`);
  }

  const [total, rows] = await Promise.all([
    matching
      .select((eb) => eb.fn.countAll<number>().as('total'))
      .executeTakeFirstOrThrow()
      .then((row) => row.total),
    (after
      ? matching.where(sql<boolean>`(lower(p.display_name), p.id) > (${after.name}, ${after.id}::uuid)`)
      : matching
    )
      .select(['p.id', sql<string>`lower(p.display_name)`.as('sortName')])
      .orderBy(sql`lower(p.display_name)`)
      .orderBy('p.id')
      .limit(filter.limit + 1)
      .execute(),
  ]);
  const page = rows.slice(0, filter.limit);
  const last = page.at(-1);
  return {
    people: await personViews(
      db,
      actor.orgId,
      page.map((row) => row.id),
    ),
    total,
    nextCursor: rows.length > filter.limit && last ? encodeCursor({ name: last.sortName, id: last.id }) : null,
  };
}

interface Cursor {
  name: string;
  id: string;
}

function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.name, cursor.id])).toString('base64url');
}

const uuidShape = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function decodeCursor(text: string): Cursor {
  try {
    const value: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 2) {
      const [name, id] = value as unknown[];
      if (typeof name === 'string' && typeof id === 'string' && uuidShape.test(id)) return { name, id };
    }
  } catch {
    // falls through to the same answer as any other cursor this API did not hand out
  }
  throw ApiError.invalidInput(
    [{ path: ['cursor'], message: 'is not a cursor from a previous page' }],
    'Invalid query parameter at cursor: use the nextCursor of a previous page.',
  );
}

/** `%`, `_` and `\` match themselves in a search, not as LIKE wildcards. */
function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`);
}
