import type { Person } from '@insideout/contracts';
import { api } from '../api/client.ts';
import { fromApi } from '../api/load.ts';

/** What a campaign form chooses from: the units, the staff who may own it, the org's policy and k. */
export async function campaignFormData(url: URL) {
  const [units, managers, leaders, settings] = await Promise.all([
    fromApi(url, api.units()),
    fromApi(url, api.people({ role: 'manager', active: true, limit: 200 })),
    fromApi(url, api.people({ role: 'hr_admin', active: true, limit: 200 })),
    fromApi(url, api.gatePolicy()),
  ]);
  const staff: Person[] = [...leaders.people, ...managers.people].sort((a, b) =>
    a.displayName.localeCompare(b.displayName),
  );
  return { units, staff, settings };
}
