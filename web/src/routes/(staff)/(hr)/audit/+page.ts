import { api } from '$lib/api/client';
import { fromApi } from '$lib/api/load';

/** The units, to name them in the entries' details. The entries themselves are read by the page. */
export async function load({ parent, url }) {
  await parent();
  return { units: await fromApi(url, api.units()) };
}
