import {
  CampaignAmbassadors,
  CampaignClicks,
  ConsentedIntroduction,
  ConsentedIntroductionList,
  IntroductionChange,
  IntroductionQuery,
  ShareKit,
  ShareKitChange,
} from '@insideout/contracts';
import { actorOf, route } from '../auth/policy.ts';
import { body, error, idParam, json } from '../http/openapi.ts';
import { createRouter } from '../http/router.ts';
import { changeIntroduction, consentedIntroductions } from './introductions.ts';
import { campaignAmbassadors } from './roster.ts';
import { campaignClicks, readShareKit, writeShareKit } from './share-kit.ts';

const tags = ['Ambassadors'];
const notFound = error('No such campaign.');

/**
 * HR leaders' side: ambassadors per unit (named: they chose to be), share kits, click counts and
 * consented introductions. Managers reach none of it: who opted in is never set beside results.
 */
export const recruitingRoutes = createRouter()
  .openapi(
    route('hr', {
      method: 'get',
      path: '/campaigns/{id}/ambassadors',
      tags,
      summary: 'Who joined a campaign as an ambassador: counts per unit, and names (only of those who joined)',
      description: 'Withdrawn ambassadors are not listed. Nothing here is joined with survey data.',
      request: { params: idParam },
      responses: { 200: body(CampaignAmbassadors, 'The ambassadors.'), 404: notFound },
    }),
    async (c) => c.json(await campaignAmbassadors(c.var.services.store.db, actorOf(c), c.req.valid('param').id), 200),
  )
  .openapi(
    route('hr', {
      method: 'get',
      path: '/campaigns/{id}/share-kit',
      tags,
      summary: 'A campaign’s share kit (empty until written)',
      request: { params: idParam },
      responses: { 200: body(ShareKit, 'The share kit.'), 404: notFound },
    }),
    async (c) => {
      const { store, publicUrl } = c.var.services;
      return c.json(await readShareKit(store.db, actorOf(c), c.req.valid('param').id, publicUrl), 200);
    },
  )
  .openapi(
    route('hr', {
      method: 'put',
      path: '/campaigns/{id}/share-kit',
      tags,
      summary: 'Write the approved texts (English, French) and the https page the links lead to; audited',
      request: { params: idParam, body: json(ShareKitChange) },
      responses: {
        200: body(ShareKit, 'The share kit.'),
        400: error('Invalid input (the page must be https).'),
        404: notFound,
        409: error('The campaign has ended.'),
      },
    }),
    async (c) => {
      const { store, publicUrl } = c.var.services;
      const { id } = c.req.valid('param');
      return c.json(await writeShareKit(store.db, actorOf(c), id, c.req.valid('json'), publicUrl), 200);
    },
  )
  .openapi(
    route('hr', {
      method: 'get',
      path: '/campaigns/{id}/clicks',
      tags,
      summary: 'Clicks on the campaign’s tracked link, per day (per campaign only, never per person)',
      request: { params: idParam },
      responses: { 200: body(CampaignClicks, 'The clicks.'), 404: notFound },
    }),
    async (c) => c.json(await campaignClicks(c.var.services.store.db, actorOf(c), c.req.valid('param').id), 200),
  )
  .openapi(
    route('hr', {
      method: 'get',
      path: '/introductions',
      tags,
      summary: 'Consented introductions (the newest 500): pending ones are never shown',
      request: { query: IntroductionQuery },
      responses: { 200: body(ConsentedIntroductionList, 'The introductions.') },
    }),
    async (c) => {
      const introductions = await consentedIntroductions(c.var.services.store.db, actorOf(c), c.req.valid('query'));
      return c.json({ introductions }, 200);
    },
  )
  .openapi(
    route('hr', {
      method: 'patch',
      path: '/introductions/{id}',
      tags,
      summary: 'Move a consented introduction on, and/or thank its introducer (kudos, never money); audited',
      request: { params: idParam, body: json(IntroductionChange) },
      responses: {
        200: body(ConsentedIntroduction, 'The introduction.'),
        400: error('Invalid input.'),
        404: error('No such introduction (or not consented).'),
      },
    }),
    async (c) => {
      const { store, now } = c.var.services;
      const { id } = c.req.valid('param');
      return c.json(await changeIntroduction(store.db, actorOf(c), id, c.req.valid('json'), now()), 200);
    },
  );
