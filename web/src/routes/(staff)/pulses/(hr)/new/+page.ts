import { api } from '$lib/api/client';
import { fromApi } from '$lib/api/load';

/** The units to choose the audience from, and the questions to choose the items from. */
export async function load({ parent, url }) {
  await parent();
  const [units, questions] = await Promise.all([fromApi(url, api.units()), fromApi(url, api.questions())]);
  return { units, questions };
}
