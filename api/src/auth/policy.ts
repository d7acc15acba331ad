import { createRoute, type RouteConfig } from '@hono/zod-openapi';
import type { Role } from '@insideout/db';
import type { Context, MiddlewareHandler } from 'hono';
import type { Actor, AppEnv } from '../http/env.ts';
import { ApiError } from '../http/errors.ts';
import { error } from '../http/openapi.ts';

/**
 * Who may call a route — the one authorization policy, declared on every route.
 * - `public`: anyone (sign-in, first-run setup, health).
 * - `staff`: managers and HR leaders; managers are further limited to their units' subtrees
 *   (`assertUnitInScope`), HR leaders to their org. Every query is filtered by the actor's org.
 * - `hr`: HR leaders of the org only.
 * - `person`: anyone signed in, employees included (the ambassador page). An employee's session is
 *   opened by a one-time sign-in link and has the `employee` role whatever the person's role, so
 *   it never reaches a `staff` or `hr` route (see `openSession`'s `scope`).
 */
export type Access = 'public' | 'person' | 'staff' | 'hr';

const allowedRoles: Record<Exclude<Access, 'public'>, readonly Role[]> = {
  person: ['employee', 'manager', 'hr_admin'],
  staff: ['manager', 'hr_admin'],
  hr: ['hr_admin'],
};

function authorize(access: Access): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (access !== 'public') {
      const actor = c.var.actor;
      if (!actor) throw new ApiError('unauthenticated', 'Sign in to continue.');
      if (!allowedRoles[access].includes(actor.role)) {
        throw new ApiError('forbidden', 'Your role does not allow this.');
      }
    }
    await next();
  };
}

/** An OpenAPI route with its access rule enforced and published (`x-access`). */
export function route<const R extends Omit<RouteConfig, 'middleware' | 'security'>>(access: Access, config: R) {
  return createRoute({
    ...config,
    'x-access': access,
    security: access === 'public' ? [] : [{ session: [] }],
    middleware: [authorize(access)] as const,
    responses: {
      ...config.responses,
      ...(access === 'public'
        ? {}
        : {
            401: error('Not signed in.'),
            403: error('Signed in, but not allowed.'),
          }),
    },
  });
}

/** The signed-in actor of a `person`, `staff` or `hr` route (the route's middleware guarantees one). */
export function actorOf(c: Context<AppEnv>): Actor {
  const actor = c.var.actor;
  if (!actor) throw new ApiError('unauthenticated', 'Sign in to continue.');
  return actor;
}

/** Whether a unit (by materialised path) lies in what the actor may see. */
export function unitInScope(actor: Actor, unitPath: string): boolean {
  if (actor.role === 'hr_admin') return true;
  return actor.managedPaths.some((managed) => unitPath.startsWith(managed));
}

/**
 * Fails with 404 — the same answer as for a unit that does not exist, so scope does not reveal
 * what lies outside it.
 */
export function assertUnitInScope(actor: Actor, unit: { path: string } | undefined, what = 'unit'): asserts unit {
  if (!unit || !unitInScope(actor, unit.path)) throw new ApiError('not_found', `No such ${what}.`);
}
