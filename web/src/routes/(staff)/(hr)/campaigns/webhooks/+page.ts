import { api } from '$lib/api/client';
import { fromApi } from '$lib/api/load';

/** The org's webhooks, each with its delivery log. */
export async function load({ parent, url, depends }) {
  await parent();
  depends('app:webhooks');
  const webhooks = await fromApi(url, api.webhooks());
  const deliveries = await Promise.all(webhooks.map((hook) => fromApi(url, api.webhookDeliveries(hook.id))));
  return { webhooks: webhooks.map((hook, i) => ({ ...hook, deliveries: deliveries[i] ?? [] })) };
}
