import { api } from '$lib/api/client';
import { fromApi } from '$lib/api/load';

/** The pulse, its participation once it has opened, and the units (to name its audience). */
export async function load({ parent, params, url, depends }) {
  await parent();
  depends('app:pulse');
  const [pulse, units] = await Promise.all([fromApi(url, api.pulse(params.id)), fromApi(url, api.units())]);
  const participation = pulse.state === 'draft' ? null : await fromApi(url, api.participation(pulse.id));
  return { pulse, units, participation };
}
