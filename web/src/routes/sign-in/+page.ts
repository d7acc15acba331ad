import { redirect } from '@sveltejs/kit';
import { safeNext } from '$lib/session/access';
import { session } from '$lib/session/session.svelte';

export async function load({ parent, url }) {
  await parent();
  const next = safeNext(url.searchParams.get('next'));
  if (session.signedIn) redirect(307, next);
  return { next };
}
