import { api } from '$lib/api/client';
import { fromApi } from '$lib/api/load';

export async function load({ parent, params, url, depends }) {
  await parent();
  depends('app:person', 'app:units');
  const [person, units] = await Promise.all([fromApi(url, api.person(params.id)), fromApi(url, api.units())]);
  return { person, units };
}
