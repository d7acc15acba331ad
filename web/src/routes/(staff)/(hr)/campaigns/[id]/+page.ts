import { api } from '$lib/api/client';
import { fromApi } from '$lib/api/load';

/** The campaign, with its latest evaluation, and the history of every evaluation. */
export async function load({ parent, params, url, depends }) {
  await parent();
  depends('app:campaign');
  const [campaign, evaluations] = await Promise.all([
    fromApi(url, api.campaign(params.id)),
    fromApi(url, api.campaignEvaluations(params.id)),
  ]);
  return { campaign, evaluations };
}
