import { api } from '$lib/api/client';
import { fromApi } from '$lib/api/load';

export async function load({ parent, url, depends }) {
  await parent();
  depends('app:questions');
  return { questions: await fromApi(url, api.questions()) };
}
