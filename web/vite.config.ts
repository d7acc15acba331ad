import { fileURLToPath } from 'node:url';
import { sveltekit } from '@sveltejs/kit/vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vitest/config';

// The root vitest run loads this file as the `web` project with the repository root as cwd. The
// SvelteKit plugin resolves its config, routes and even Vite's root from process.cwd(), so under
// vitest the plain Svelte plugin compiles components and runes modules, and `$lib` is aliased here.
const underVitest = process.env.VITEST !== undefined;

export default defineConfig({
  plugins: underVitest ? [svelte({ compilerOptions: { runes: true } })] : [sveltekit()],
  resolve: underVitest ? { alias: { $lib: fileURLToPath(new URL('./src/lib', import.meta.url)) } } : {},
  server: {
    proxy: { '/api': 'http://localhost:8787' },
  },
  test: {
    name: 'web',
    include: ['src/**/*.test.ts'],
    environment: 'node',
    // Catalogs load on demand in the app; tests switch languages synchronously, so load them all first.
    setupFiles: ['src/lib/i18n/preload-catalogs.ts'],
  },
});
