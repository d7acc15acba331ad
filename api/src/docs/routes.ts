import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Hono } from 'hono';
import type { AppEnv } from '../http/env.ts';

// Resolved, not imported: the package's entry point would load its whole 1.5 MB bundle into the server.
const assets = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
const served = new Map([
  ['swagger-ui.css', 'text/css; charset=utf-8'],
  ['swagger-ui-bundle.js', 'text/javascript; charset=utf-8'],
]);

// The reference page loads its assets from this server, never a CDN: it works offline and
// stays inside the Content-Security-Policy (no inline script).
const page = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>InsideOut API reference</title>
<link rel="stylesheet" href="/api/docs/swagger-ui.css">
</head>
<body>
<div id="reference"></div>
<script src="/api/docs/swagger-ui-bundle.js"></script>
<script src="/api/docs/init.js"></script>
</body>
</html>`;

const init = `window.ui = SwaggerUIBundle({ url: '/api/openapi.json', dom_id: '#reference', deepLinking: true });`;

/** The human-readable reference of the OpenAPI document, at /api/docs. */
export const docs = new Hono<AppEnv>()
  .get('/', (c) => c.html(page))
  .get('/init.js', (c) => c.body(init, 200, { 'content-type': 'text/javascript; charset=utf-8' }))
  .get('/:asset', async (c) => {
    const asset = c.req.param('asset');
    const type = served.get(asset);
    if (!type) return c.notFound();
    const body = await readFile(join(assets, asset));
    return c.body(body, 200, { 'content-type': type, 'cache-control': 'public, max-age=86400' });
  });
