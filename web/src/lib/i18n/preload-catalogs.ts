import { preloadCatalogs } from './locale.svelte.ts';

await preloadCatalogs();
