/**
 * Cohorts are fixed when a pulse opens: they are the units of release of its results and each has
 * its own ballot key. The audience is grouped by unit; within a unit, by the combination of coarse
 * attributes where every such group stays at or above k. Groups below k merge back into the
 * unit-level cohort (the rest of the unit), and if that rest is itself between 1 and k − 1 the
 * smallest attribute groups merge into it too, so that no attribute cohort is the only thing
 * separating a handful of people from the others of their unit.
 */
export interface AudienceMember {
  personId: string;
  unitId: string;
  attributes: Record<string, string>;
}

export interface Cohort {
  unitId: string;
  /** Empty for the unit-level cohort. */
  attributes: Record<string, string>;
  personIds: string[];
}

export function formCohorts(members: readonly AudienceMember[], k: number, splitBy: readonly string[]): Cohort[] {
  const byUnit = groupBy(members, (m) => m.unitId);
  const cohorts: Cohort[] = [];
  for (const [unitId, unitMembers] of byUnit) {
    const byAttributes = groupBy(unitMembers, (m) => attributeKey(m.attributes, splitBy));
    const kept: Cohort[] = [];
    const rest: string[] = [];
    for (const [key, group] of byAttributes) {
      const ids = group.map((m) => m.personId);
      if (key === '' || ids.length < k) rest.push(...ids);
      else kept.push({ unitId, attributes: pickAttributes(group[0]?.attributes ?? {}, splitBy), personIds: ids });
    }
    kept.sort((a, b) => a.personIds.length - b.personIds.length);
    while (rest.length > 0 && rest.length < k && kept.length > 0) rest.push(...(kept.shift()?.personIds ?? []));
    // A single attribute group that is the whole unit says nothing more than the unit: keep it plain.
    if (kept.length === 1 && rest.length === 0)
      kept[0] = { unitId, attributes: {}, personIds: kept[0]?.personIds ?? [] };
    cohorts.push(...kept);
    if (rest.length > 0) cohorts.push({ unitId, attributes: {}, personIds: rest });
  }
  return cohorts;
}

function attributeKey(attributes: Record<string, string>, splitBy: readonly string[]): string {
  if (splitBy.some((name) => !attributes[name])) return '';
  return splitBy.map((name) => `${name}=${attributes[name]}`).join('&');
}

function pickAttributes(attributes: Record<string, string>, splitBy: readonly string[]) {
  return Object.fromEntries(splitBy.map((name) => [name, attributes[name] ?? '']));
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}
