import { api } from '$lib/api/client';
import { fromApi } from '$lib/api/load';
import { campaignFormData } from '$lib/campaigns/load';

export async function load({ parent, params, url }) {
  await parent();
  const [campaign, form] = await Promise.all([fromApi(url, api.campaign(params.id)), campaignFormData(url)]);
  return { campaign, ...form };
}
