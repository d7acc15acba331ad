import { redirect } from '@sveltejs/kit';
import { api } from '$lib/api/client';
import { fromApi } from '$lib/api/load';
import { session } from '$lib/session/session.svelte';

/** First run only: once the org exists, this page sends people to sign in. */
export async function load({ parent, url }) {
  await parent();
  if (session.signedIn) redirect(307, '/');
  const { needed } = await fromApi(url, api.setupStatus());
  if (!needed) redirect(307, '/sign-in');
  return {};
}
