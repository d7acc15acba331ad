// A pure single-page app: the api process serves build/index.html for every path that is not API.
export const ssr = false;
export const prerender = false;
