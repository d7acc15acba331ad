import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import type { AppEnv } from './env.ts';

export interface Spa {
  app: Hono<AppEnv>;
  /** CSP sources for the inline bootstrap scripts SvelteKit writes into its page. */
  scriptHashes: string[];
}

/**
 * Serves the built web app (adapter-static output): files as they are, with long caching for
 * content-hashed assets, and the app's page for every other path so client-side routes load.
 */
export function serveSpa(webDir: string): Spa | null {
  const pagePath = join(webDir, 'index.html');
  if (!existsSync(pagePath)) return null;
  const page = readFileSync(pagePath, 'utf8');

  const app = new Hono<AppEnv>()
    .use(
      '/_app/immutable/*',
      serveStatic({
        root: webDir,
        precompressed: true,
        onFound: (_path, c) => c.header('cache-control', 'public, max-age=31536000, immutable'),
      }),
    )
    .use('*', serveStatic({ root: webDir, precompressed: true }))
    .get('*', (c) => {
      c.header('cache-control', 'no-cache');
      return c.html(page);
    });
  return { app, scriptHashes: inlineScriptHashes(page) };
}

function inlineScriptHashes(html: string): string[] {
  const hashes: string[] = [];
  for (const match of html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)) {
    const body = match[1] ?? '';
    hashes.push(`'sha256-${createHash('sha256').update(body).digest('base64')}'`);
  }
  return hashes;
}
