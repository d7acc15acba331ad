import { redirect } from '@sveltejs/kit';
import { mayAccess, signInPath } from '$lib/session/access';
import { session } from '$lib/session/session.svelte';

/** Pages for managers and HR leaders: anyone else signs in first, and comes back here after. */
export async function load({ parent, url }) {
  await parent();
  if (!session.signedIn) redirect(307, signInPath(url));
  if (!mayAccess(session.role, 'staff')) redirect(307, '/');
  return {};
}
