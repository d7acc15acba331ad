import { locale } from '$lib/i18n/locale.svelte';

/** The page's messages are a part of the catalog of their own (the survey page never loads them). */
export async function load({ parent }) {
  await parent();
  await locale.loadPart('dialogue');
  return {};
}
