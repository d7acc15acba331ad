import { api } from '$lib/api/client';
import { fromApi } from '$lib/api/load';

export async function load({ parent, params, url }) {
  await parent();
  const [pulse, units, questions] = await Promise.all([
    fromApi(url, api.pulse(params.id)),
    fromApi(url, api.units()),
    fromApi(url, api.questions()),
  ]);
  return { pulse, units, questions };
}
