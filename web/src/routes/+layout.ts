import { session } from '$lib/session/session.svelte';

// A pure single-page app: the api process serves build/index.html for every path that is not API.
export const ssr = false;
export const prerender = false;

/** Who is signed in is known before any page renders; asked once, not on every navigation. */
export async function load() {
  await session.load();
  return {};
}
