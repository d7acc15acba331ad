import { api } from '$lib/api/client';
import { fromApi } from '$lib/api/load';
import { session } from '$lib/session/session.svelte';

/** Signed out, the home page is where a first run starts (setup) or where one signs in. */
export async function load({ parent, url }) {
  await parent();
  if (session.signedIn) return { setupNeeded: false };
  const { needed } = await fromApi(url, api.setupStatus());
  return { setupNeeded: needed };
}
