import { error } from '@sveltejs/kit';
import { t } from '$lib/i18n/locale.svelte';
import { mayAccess } from '$lib/session/access';
import { session } from '$lib/session/session.svelte';

/** The organisation's overview is for HR leaders: a manager who follows a link here is told so. */
export async function load({ parent }) {
  await parent();
  if (!mayAccess(session.role, 'hr')) error(403, t('forbidden.body'));
  return {};
}
