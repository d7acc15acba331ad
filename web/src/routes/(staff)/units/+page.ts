import { api } from '$lib/api/client';
import { fromApi } from '$lib/api/load';

/** The units, and the people who may manage one (managers and HR leaders), to name and to choose. */
export async function load({ parent, url, depends }) {
  await parent();
  depends('app:units');
  const [units, managers, hrLeaders] = await Promise.all([
    fromApi(url, api.units()),
    fromApi(url, api.people({ role: 'manager', active: true, limit: 200 })),
    fromApi(url, api.people({ role: 'hr_admin', active: true, limit: 200 })),
  ]);
  const candidates = [...managers.people, ...hrLeaders.people].sort((a, b) =>
    a.displayName.localeCompare(b.displayName),
  );
  return { units, candidates };
}
