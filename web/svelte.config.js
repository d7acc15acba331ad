import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
  preprocess: vitePreprocess(),
  compilerOptions: { runes: true },
  kit: {
    // A pure SPA: the api process serves build/index.html for every non-API path and computes the
    // CSP hashes of its inline bootstrap script itself, so kit.csp stays unset.
    adapter: adapter({ pages: 'build', assets: 'build', fallback: 'index.html', precompress: true }),
  },
};

export default config;
