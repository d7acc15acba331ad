import { api } from '$lib/api/client';
import { fromApi } from '$lib/api/load';

export async function load({ parent, url }) {
  await parent();
  const campaigns = await fromApi(url, api.campaigns());
  return { campaigns: campaigns.filter((c) => ['live', 'paused', 'completed'].includes(c.state)) };
}
