import { api } from '$lib/api/client';
import { fromApi } from '$lib/api/load';

/** The units the reader may filter by (a manager's subtrees, the whole org for HR) and the closed pulses. */
export async function load({ parent, url }) {
  await parent();
  const [units, pulses] = await Promise.all([fromApi(url, api.units()), fromApi(url, api.resultsPulses())]);
  return { units, pulses };
}
