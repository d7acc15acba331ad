import { redirect } from '@sveltejs/kit';
import { locale } from '$lib/i18n/locale.svelte';
import { mayAccess, signInPath } from '$lib/session/access';
import { session } from '$lib/session/session.svelte';

/**
 * Pages for managers and HR leaders: anyone else signs in first, and comes back here after. Their
 * part of the message catalog is loaded here, so the employee's pages never download it.
 */
export async function load({ parent, url }) {
  await parent();
  if (!session.signedIn) redirect(307, signInPath(url));
  if (!mayAccess(session.role, 'staff')) redirect(307, '/');
  await Promise.all([locale.loadPart('staff'), locale.loadPart('dialogue')]);
  return {};
}
