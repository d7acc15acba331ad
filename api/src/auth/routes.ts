import {
  LoginRequest,
  PasswordResetConfirm,
  PasswordResetRequest,
  SessionInfo,
  SetupRequest,
  SetupStatus,
} from '@insideout/contracts';
import { body, error, json } from '../http/openapi.ts';
import { createRouter } from '../http/router.ts';
import { actorOf, route } from './policy.ts';
import { RateLimiter, throttle } from './rate-limit.ts';
import { currentSession, login, requestPasswordReset, resetPassword, setUp, setupNeeded } from './service.ts';
import { closeSession } from './sessions.ts';

// Per client address: slows guessing across accounts; the per-account lockout stops guessing one.
const loginLimiter = new RateLimiter(20, 60_000);
const resetLimiter = new RateLimiter(5, 15 * 60_000);

export const auth = createRouter()
  .openapi(
    route('public', {
      method: 'post',
      path: '/auth/login',
      tags: ['Sign-in'],
      summary: 'Sign in with e-mail and password',
      description: `Opens a session in a \`__Host-\` cookie. Ten wrong passwords in a row lock the account for a while.`,
      request: { body: json(LoginRequest) },
      responses: {
        200: body(SessionInfo, 'Signed in.'),
        400: error('Invalid input.'),
        401: error('Wrong e-mail or password.'),
        429: error('Too many attempts, or the account is locked for a while.'),
      },
    }),
    async (c) => {
      throttle(c, loginLimiter, 'login');
      return c.json(await login(c, c.req.valid('json')), 200);
    },
  )
  .openapi(
    route('person', {
      method: 'post',
      path: '/auth/logout',
      tags: ['Sign-in'],
      summary: 'Sign out (revokes the session)',
      responses: { 204: { description: 'Signed out.' } },
    }),
    async (c) => {
      await closeSession(c, actorOf(c));
      return c.body(null, 204);
    },
  )
  .openapi(
    route('staff', {
      method: 'get',
      path: '/auth/session',
      tags: ['Sign-in'],
      summary: 'Who is signed in',
      responses: { 200: body(SessionInfo, 'The current session.') },
    }),
    async (c) => c.json(await currentSession(c, actorOf(c)), 200),
  )
  .openapi(
    route('public', {
      method: 'post',
      path: '/auth/password-reset',
      tags: ['Sign-in'],
      summary: 'E-mail a password reset link',
      description: 'Always answers 202, whether or not the address has an account.',
      request: { body: json(PasswordResetRequest) },
      responses: {
        202: { description: 'If the address has an account, a link is on its way.' },
        400: error('Invalid input.'),
        429: error('Too many requests.'),
      },
    }),
    async (c) => {
      throttle(c, resetLimiter, 'reset');
      await requestPasswordReset(c, c.req.valid('json').email);
      return c.body(null, 202);
    },
  )
  .openapi(
    route('public', {
      method: 'post',
      path: '/auth/password-reset/confirm',
      tags: ['Sign-in'],
      summary: 'Choose a new password with a reset link',
      description: 'Signs out every session of the account.',
      request: { body: json(PasswordResetConfirm) },
      responses: { 204: { description: 'Password changed.' }, 400: error('Invalid input, or the link expired.') },
    }),
    async (c) => {
      const { token, password } = c.req.valid('json');
      await resetPassword(c, token, password);
      return c.body(null, 204);
    },
  )
  .openapi(
    route('public', {
      method: 'get',
      path: '/setup',
      tags: ['Sign-in'],
      summary: 'Whether first-run setup is needed',
      responses: { 200: body(SetupStatus, 'True until the first org exists.') },
    }),
    async (c) => c.json({ needed: await setupNeeded(c.var.services.store.db) }, 200),
  )
  .openapi(
    route('public', {
      method: 'post',
      path: '/setup',
      tags: ['Sign-in'],
      summary: 'First run: create the org and its HR leader',
      description: 'Only while no org exists. The HR leader chooses the password: there is no default one.',
      request: { body: json(SetupRequest) },
      responses: {
        201: body(SessionInfo, 'Created and signed in.'),
        400: error('Invalid input.'),
        409: error('Already set up.'),
      },
    }),
    async (c) => c.json(await setUp(c, c.req.valid('json')), 201),
  );
