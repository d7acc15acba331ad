import { campaignFormData } from '$lib/campaigns/load';

export async function load({ parent, url }) {
  await parent();
  return campaignFormData(url);
}
