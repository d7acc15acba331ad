import {
  AmbassadorCampaignList,
  ConsentLookup,
  ConsentRequest,
  ConsentResult,
  ConsentView,
  KudosList,
  MyIntroduction,
  MyIntroductionList,
  NewIntroduction,
  OptIn,
  PersonSession,
  SignInLinkConfirm,
  SignInLinkRequest,
} from '@insideout/contracts';
import { actorOf, route } from '../auth/policy.ts';
import { RateLimiter, throttle } from '../auth/rate-limit.ts';
import { body, error, idParam, json } from '../http/openapi.ts';
import { createRouter } from '../http/router.ts';
import { ambassadorCampaigns, joinCampaign, withdrawFromCampaign } from './campaigns.ts';
import { consentView, decideConsent, introduce, myIntroductions, myKudos } from './introductions.ts';
import { followTrackedLink } from './share-kit.ts';
import { confirmSignInLink, personSession, requestSignInLink, signInWithInvitation } from './sign-in.ts';

const tags = ['Ambassadors'];
const separation =
  'Opt-ins and introductions are kept apart from survey data: nothing here reads or writes a pulse, a ballot or a response.';
const notOpen = error('No such campaign open to you.');
const paused = error('The campaign is paused (or no longer live): `details.reason` says why.');

const linkLimiter = new RateLimiter(10, 15 * 60_000);
const confirmLimiter = new RateLimiter(20, 60_000);
const consentLimiter = new RateLimiter(30, 60_000);

/** The employee's side: signing in without a password, joining campaigns, introducing contacts. */
export const ambassadorRoutes = createRouter()
  .openapi(
    route('public', {
      method: 'post',
      path: '/ambassador/sign-in',
      tags,
      summary: 'E-mail a one-time sign-in link to the ambassador page',
      description:
        'For anyone of any org, employees included (they have no password). Always answers 202, whether or not the address is known. The link works once, for 30 minutes, and opens a session that reaches only the ambassador routes.',
      request: { body: json(SignInLinkRequest) },
      responses: {
        202: { description: 'If the address is known, a link is on its way.' },
        400: error('Invalid input.'),
        429: error('Too many requests.'),
      },
    }),
    async (c) => {
      throttle(c, linkLimiter, 'sign-in-link');
      await requestSignInLink(c, c.req.valid('json').email);
      return c.body(null, 202);
    },
  )
  .openapi(
    route('public', {
      method: 'post',
      path: '/ambassador/sign-in/confirm',
      tags,
      summary: 'Use a sign-in link: opens a person session',
      request: { body: json(SignInLinkConfirm) },
      responses: {
        200: body(PersonSession, 'Signed in (as an employee, whatever the role).'),
        400: error('Invalid input, or the link was used or expired.'),
        429: error('Too many requests.'),
      },
    }),
    async (c) => {
      throttle(c, confirmLimiter, 'sign-in-confirm');
      return c.json(await confirmSignInLink(c, c.req.valid('json').token), 200);
    },
  )
  .openapi(
    route('public', {
      method: 'post',
      path: '/ambassador/sign-in/invitation',
      tags,
      summary: 'Sign in with the invitation of an open pulse (`Authorization: Invitation <token>`)',
      description: `The invitation proves who the person is; nothing of the pulse is kept. ${separation}`,
      responses: {
        200: body(PersonSession, 'Signed in (as an employee, whatever the role).'),
        401: error('No invitation, or not valid.'),
        404: error('The pulse is not open.'),
        410: error('The pulse has closed.'),
        429: error('Too many requests.'),
      },
    }),
    async (c) => {
      throttle(c, confirmLimiter, 'sign-in-invitation');
      return c.json(await signInWithInvitation(c), 200);
    },
  )
  .openapi(
    route('person', {
      method: 'get',
      path: '/ambassador/session',
      tags,
      summary: 'Who is signed in to the ambassador page (any signed-in person)',
      responses: { 200: body(PersonSession, 'The session.') },
    }),
    async (c) => c.json(await personSession(c, actorOf(c)), 200),
  )
  .openapi(
    route('person', {
      method: 'get',
      path: '/ambassador/campaigns',
      tags,
      summary: 'Campaigns open to you (live or paused, targeting your unit), with their share kit',
      description: separation,
      responses: { 200: body(AmbassadorCampaignList, 'The campaigns.') },
    }),
    async (c) => {
      const { store, publicUrl } = c.var.services;
      return c.json({ campaigns: await ambassadorCampaigns(store.db, actorOf(c), publicUrl) }, 200);
    },
  )
  .openapi(
    route('person', {
      method: 'put',
      path: '/ambassador/campaigns/{id}/opt-in',
      tags,
      summary: 'Join a live campaign as an ambassador (again after a withdrawal)',
      description: `Only a live campaign — its gate passed, or an HR leader overrode it — takes ambassadors. ${separation}`,
      request: { params: idParam },
      responses: { 200: body(OptIn, 'Joined.'), 404: notOpen, 409: paused },
    }),
    async (c) => {
      const { store, now } = c.var.services;
      return c.json(await joinCampaign(store.db, actorOf(c), c.req.valid('param').id, now()), 200);
    },
  )
  .openapi(
    route('person', {
      method: 'delete',
      path: '/ambassador/campaigns/{id}/opt-in',
      tags,
      summary: 'Withdraw, at any time and whatever the campaign’s state',
      request: { params: idParam },
      responses: { 204: { description: 'Withdrawn (or was not in).' }, 404: notOpen },
    }),
    async (c) => {
      const { store, now } = c.var.services;
      await withdrawFromCampaign(store.db, actorOf(c), c.req.valid('param').id, now());
      return c.body(null, 204);
    },
  )
  .openapi(
    route('person', {
      method: 'post',
      path: '/ambassador/campaigns/{id}/introductions',
      tags,
      summary: 'Introduce a contact: they are mailed, with your name, and must consent',
      description:
        'Until the contact accepts, nobody but you sees the introduction. Declining deletes it at once; without an answer it is deleted after 14 days.',
      request: { params: idParam, body: json(NewIntroduction) },
      responses: {
        201: body(MyIntroduction, 'Introduced; the contact has been mailed.'),
        400: error('Invalid input.'),
        404: notOpen,
        409: error('The campaign is paused (`details.reason`), or this contact was already introduced.'),
        429: error('Too many introductions today.'),
      },
    }),
    async (c) => {
      const introduction = await introduce(c.var.services, actorOf(c), c.req.valid('param').id, c.req.valid('json'));
      return c.json(introduction, 201);
    },
  )
  .openapi(
    route('person', {
      method: 'get',
      path: '/ambassador/introductions',
      tags,
      summary: 'Your introductions: pending ones, and where recruiters have taken consented ones',
      responses: { 200: body(MyIntroductionList, 'Your introductions.') },
    }),
    async (c) => c.json({ introductions: await myIntroductions(c.var.services.store.db, actorOf(c)) }, 200),
  )
  .openapi(
    route('person', {
      method: 'get',
      path: '/ambassador/kudos',
      tags,
      summary: 'Thank-yous you received (recognition, never money)',
      responses: { 200: body(KudosList, 'Your kudos.') },
    }),
    async (c) => c.json({ kudos: await myKudos(c.var.services.store.db, actorOf(c)) }, 200),
  )
  .openapi(
    route('public', {
      method: 'post',
      path: '/consent/lookup',
      tags,
      summary: 'The introduction a consent link is about: who introduced the contact, for what, the note',
      description: 'The token comes from the link in the contact’s e-mail (`/consent#<token>`).',
      request: { body: json(ConsentLookup) },
      responses: {
        200: body(ConsentView, 'The introduction.'),
        400: error('Invalid input.'),
        404: error('Declined, expired or unknown.'),
        429: error('Too many requests.'),
      },
    }),
    async (c) => {
      throttle(c, consentLimiter, 'consent');
      const { store, now } = c.var.services;
      return c.json(await consentView(store.db, c.req.valid('json').token, now()), 200);
    },
  )
  .openapi(
    route('public', {
      method: 'post',
      path: '/consent',
      tags,
      summary: 'The contact accepts (recruiters may then see it) or declines (deleted at once)',
      request: { body: json(ConsentRequest) },
      responses: {
        200: body(ConsentResult, 'Recorded.'),
        400: error('Invalid input.'),
        404: error('Declined, expired or unknown.'),
        429: error('Too many requests.'),
      },
    }),
    async (c) => {
      throttle(c, consentLimiter, 'consent');
      const { token, decision } = c.req.valid('json');
      const { store, now } = c.var.services;
      return c.json(await decideConsent(store.db, token, decision, now()), 200);
    },
  )
  .openapi(
    route('public', {
      method: 'get',
      path: '/r/{id}',
      tags,
      summary: 'A campaign’s tracked link: counts one click for the campaign and today, then redirects',
      description:
        'The link names the campaign only, never who shared it. Redirects (302) to the page of the share kit with `utm_source=insideout&utm_medium=ambassador&utm_campaign=<campaign>`.',
      request: { params: idParam },
      responses: {
        302: { description: 'To the campaign’s page.' },
        400: error('Not an id.'),
        404: error('No such campaign, or it has no share kit or is not live.'),
      },
    }),
    async (c) => {
      const { store, now } = c.var.services;
      const target = await followTrackedLink(store.db, c.req.valid('param').id, now());
      if (!target) return c.json(notFoundBody(c.get('requestId')), 404);
      c.header('cache-control', 'no-store');
      return c.redirect(target, 302);
    },
  );

function notFoundBody(requestId: string | undefined) {
  return {
    error: { code: 'not_found' as const, message: 'No such campaign link.', requestId: requestId ?? 'unknown' },
  };
}
