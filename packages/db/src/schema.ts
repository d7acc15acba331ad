import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

/**
 * Every table, as the application sees it: camelCase names (the CamelCasePlugin maps them to the
 * snake_case of SQL). Every tenant table is keyed by `orgId` first, so it can be distributed by org.
 */
export interface Database {
  orgs: OrgsTable;
}

export interface OrgsTable {
  id: Generated<string>;
  name: string;
  slug: string;
  settings: ColumnType<Record<string, unknown>, Record<string, unknown> | undefined>;
  createdAt: Generated<Date>;
}
export type Org = Selectable<OrgsTable>;
export type NewOrg = Insertable<OrgsTable>;
