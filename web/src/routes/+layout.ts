import { locale } from '$lib/i18n/locale.svelte';
import { session } from '$lib/session/session.svelte';

// A pure single-page app: the api process serves build/index.html for every path that is not API.
export const ssr = false;
export const prerender = false;

/** Who is signed in, and the reader's language, are known before any page renders. */
export async function load() {
  await Promise.all([session.load(), locale.ready]);
  return {};
}
