import { api } from '$lib/api/client';
import { fromApi } from '$lib/api/load';

export async function load({ parent, url, depends }) {
  await parent();
  depends('app:imports');
  return { imports: await fromApi(url, api.imports()) };
}
