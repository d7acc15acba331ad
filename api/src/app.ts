import { OpenAPIHono } from '@hono/zod-openapi';
import { requestId } from 'hono/request-id';
import { secureHeaders } from 'hono/secure-headers';
import { recruitingRoutes } from './ambassadors/recruiting-routes.ts';
import { ambassadorRoutes } from './ambassadors/routes.ts';
import { audit } from './audit/routes.ts';
import { auth } from './auth/routes.ts';
import { resolveSession, sessionCookieHeaderName } from './auth/sessions.ts';
import { ballots } from './ballots/routes.ts';
import { campaigns } from './campaigns/routes.ts';
import { dialogue } from './dialogue/routes.ts';
import { directory } from './directory/routes.ts';
import { docs } from './docs/routes.ts';
import { health } from './health/routes.ts';
import type { AppEnv, Services } from './http/env.ts';
import { ApiError, errorResponse, onError } from './http/errors.ts';
import { limitBody, requestLog, requireJsonBody } from './http/middleware.ts';
import { serveSpa } from './http/spa.ts';
import { outbox } from './mail/routes.ts';
import { pulses } from './pulses/routes.ts';
import { questions } from './questions/routes.ts';
import { results } from './results/routes.ts';
import { webhooks } from './webhooks/routes.ts';

// An HR-system export of 10,000+ people is a few MiB of CSV (ImportRequest allows 8 MiB of text).
const importMaxBytes = 9 * 1024 * 1024;

export interface AppOptions {
  services: Services;
  /** The built web app (adapter-static output); without it only the API is served. */
  webDir?: string | undefined;
  /** Largest accepted request body, in bytes. */
  maxBodyBytes?: number;
}

export function createApp({ services, webDir, maxBodyBytes = 256 * 1024 }: AppOptions) {
  const spa = webDir ? serveSpa(webDir) : null;

  const api = new OpenAPIHono<AppEnv>()
    .use(limitBody(maxBodyBytes, { '/api/v1/imports': importMaxBytes }))
    .use(requireJsonBody)
    .use(resolveSession)
    .route('/', health)
    .route('/', auth)
    .route('/', directory)
    .route('/', questions)
    .route('/', pulses)
    .route('/', results)
    .route('/', campaigns)
    .route('/', webhooks)
    .route('/', dialogue)
    .route('/', ambassadorRoutes)
    .route('/', recruitingRoutes)
    .route('/', ballots)
    .route('/', audit)
    .route('/', outbox);

  const app = new OpenAPIHono<AppEnv>();
  app.use(requestId({ limitLength: 64 }));
  app.use(requestLog);
  app.use(
    secureHeaders({
      strictTransportSecurity: 'max-age=31536000; includeSubDomains',
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", ...(spa?.scriptHashes ?? [])],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
      referrerPolicy: 'no-referrer',
    }),
  );
  app.use(async (c, next) => {
    c.set('services', services);
    await next();
  });

  app.route('/api/v1', api);
  app.openAPIRegistry.registerComponent('securitySchemes', 'session', {
    type: 'apiKey',
    in: 'cookie',
    name: sessionCookieHeaderName,
    description: 'Set by POST /api/v1/auth/login. Writes also need the X-CSRF-Token header of the session.',
  });
  app.doc31('/api/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'InsideOut API',
      version: '1',
      description: 'Anonymous pulse surveys, internal dialogue and the ambassador-readiness gate.',
    },
    servers: [{ url: '/' }],
  });
  app.route('/api/docs', docs);
  app.all('/api/*', (c) =>
    errorResponse(c, new ApiError('not_found', `No API route matches ${c.req.method} ${new URL(c.req.url).pathname}.`)),
  );
  if (spa) app.route('/', spa.app);

  app.notFound((c) => errorResponse(c, new ApiError('not_found', 'Nothing is here.')));
  app.onError(onError);
  return app;
}

export type App = ReturnType<typeof createApp>;
