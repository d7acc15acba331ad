import { api } from '$lib/api/client';
import { fromApi } from '$lib/api/load';

/** Every campaign with its state and latest evaluation: the readiness board. */
export async function load({ parent, url, depends }) {
  await parent();
  depends('app:campaigns');
  return { campaigns: await fromApi(url, api.campaigns()) };
}
