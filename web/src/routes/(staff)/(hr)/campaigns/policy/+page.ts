import { api } from '$lib/api/client';
import { fromApi } from '$lib/api/load';

export async function load({ parent, url }) {
  await parent();
  return { settings: await fromApi(url, api.gatePolicy()) };
}
