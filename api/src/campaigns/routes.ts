import {
  Campaign,
  CampaignChange,
  CampaignList,
  CampaignOverride,
  CampaignQuery,
  GateEvaluationList,
  GatePolicy,
  GatePolicySettings,
  NewCampaign,
  UnitReadiness,
} from '@insideout/contracts';
import { actorOf, route } from '../auth/policy.ts';
import { body, error, idParam, json } from '../http/openapi.ts';
import { createRouter } from '../http/router.ts';
import { changeOrgPolicy, orgPolicy, policySettings } from './policies.ts';
import { campaignViews, evaluationsOf, evaluationView, findCampaign, listCampaigns } from './queries.ts';
import { unitReadiness } from './readiness-service.ts';
import {
  changeCampaign,
  checkCampaign,
  createCampaign,
  launchCampaign,
  moveCampaign,
  overrideCampaign,
} from './service.ts';

const tags = ['Campaigns'];
const gate =
  'The readiness gate judges each target unit on the released results of its latest closed pulse (DESIGN.md ' +
  '"Readiness gate"): a hidden figure is `insufficient_data`, never a guess. Every evaluation is kept with what it read.';
const notFound = error('No such campaign.');
const wrongState = error('Not allowed from the campaign’s current state (see `actions`), or it changed meanwhile.');

type Context = Parameters<typeof actorOf>[0];

async function campaignView(c: Context, id: string) {
  const { orgId } = actorOf(c);
  const db = c.var.services.store.db;
  const [view] = await campaignViews(db, orgId, [await findCampaign(db, orgId, id)]);
  if (!view) throw new Error('campaign view missing');
  return view;
}

export const campaigns = createRouter()
  .openapi(
    route('hr', {
      method: 'get',
      path: '/gate/policy',
      tags,
      summary: 'The org’s default gate policy, with the product’s defaults and k',
      responses: { 200: body(GatePolicySettings, 'The policy.') },
    }),
    async (c) => c.json(await policySettings(c.var.services.store.db, actorOf(c).orgId), 200),
  )
  .openapi(
    route('hr', {
      method: 'put',
      path: '/gate/policy',
      tags,
      summary: 'Change the org’s default gate policy (enough voices never below k); audited',
      request: { body: json(GatePolicy) },
      responses: { 200: body(GatePolicySettings, 'The policy.'), 400: error('A threshold out of bounds.') },
    }),
    async (c) => c.json(await changeOrgPolicy(c.var.services.store.db, actorOf(c), c.req.valid('json')), 200),
  )
  .openapi(
    route('staff', {
      method: 'get',
      path: '/readiness/units/{id}',
      tags,
      summary: 'What stands between a unit and readiness: the gate under the org’s default policy',
      description: `${gate} Managers may ask for the units they manage and their sub-units; this is not stored.`,
      request: { params: idParam },
      responses: { 200: body(UnitReadiness, 'The unit’s readiness.'), 404: error('No such unit, or not yours.') },
    }),
    async (c) => c.json(await unitReadiness(c.var.services, actorOf(c), c.req.valid('param').id), 200),
  )
  .openapi(
    route('hr', {
      method: 'get',
      path: '/campaigns',
      tags,
      summary: 'Campaigns, newest first, each with its state and latest gate evaluation (the readiness board)',
      request: { query: CampaignQuery },
      responses: { 200: body(CampaignList, 'The campaigns.') },
    }),
    async (c) => {
      const { orgId } = actorOf(c);
      const db = c.var.services.store.db;
      const rows = await listCampaigns(db, orgId, c.req.valid('query').state);
      return c.json({ campaigns: await campaignViews(db, orgId, rows) }, 200);
    },
  )
  .openapi(
    route('hr', {
      method: 'post',
      path: '/campaigns',
      tags,
      summary: 'Create a campaign (a draft)',
      request: { body: json(NewCampaign) },
      responses: { 201: body(Campaign, 'The draft.'), 400: error('Invalid input.') },
    }),
    async (c) => {
      const id = await createCampaign(c.var.services.store.db, actorOf(c), c.req.valid('json'));
      return c.json(await campaignView(c, id), 201);
    },
  )
  .openapi(
    route('hr', {
      method: 'get',
      path: '/campaigns/{id}',
      tags,
      summary: 'One campaign',
      request: { params: idParam },
      responses: { 200: body(Campaign, 'The campaign.'), 404: notFound },
    }),
    async (c) => c.json(await campaignView(c, c.req.valid('param').id), 200),
  )
  .openapi(
    route('hr', {
      method: 'patch',
      path: '/campaigns/{id}',
      tags,
      summary: 'Edit a campaign that is not live: a checked one goes back to draft',
      request: { params: idParam, body: json(CampaignChange) },
      responses: { 200: body(Campaign, 'The campaign.'), 400: error('Invalid input.'), 404: notFound, 409: wrongState },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      await changeCampaign(c.var.services.store.db, actorOf(c), id, c.req.valid('json'));
      return c.json(await campaignView(c, id), 200);
    },
  )
  .openapi(
    route('hr', {
      method: 'post',
      path: '/campaigns/{id}/check',
      tags,
      summary: 'Run the gate without launching: ready when every target unit passes, blocked otherwise',
      description: gate,
      request: { params: idParam },
      responses: { 200: body(Campaign, 'The campaign, with the evaluation.'), 404: notFound, 409: wrongState },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      await checkCampaign(c.var.services, actorOf(c), id);
      return c.json(await campaignView(c, id), 200);
    },
  )
  .openapi(
    route('hr', {
      method: 'post',
      path: '/campaigns/{id}/launch',
      tags,
      summary: 'Launch (or resume) when the gate passes for every target unit; 412 with what fails otherwise',
      description: `${gate} A refused launch blocks the campaign (a paused one stays paused); its evaluation is kept and the 412's \`details\` list the failing criteria unit by unit.`,
      request: { params: idParam },
      responses: {
        200: body(Campaign, 'Live.'),
        404: notFound,
        409: wrongState,
        412: error('The gate did not pass: `details.units[].failing` and `missingData`.'),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      await launchCampaign(c.var.services, actorOf(c), id);
      return c.json(await campaignView(c, id), 200);
    },
  )
  .openapi(
    route('hr', {
      method: 'post',
      path: '/campaigns/{id}/override',
      tags,
      summary: 'Launch despite the gate, with a written reason (at least 30 characters); audited',
      description: `${gate} The reason stays with the campaign and in the audit log.`,
      request: { params: idParam, body: json(CampaignOverride) },
      responses: {
        200: body(Campaign, 'Live.'),
        400: error('No reason, or too short.'),
        404: notFound,
        409: wrongState,
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      await overrideCampaign(c.var.services, actorOf(c), id, c.req.valid('json').reason);
      return c.json(await campaignView(c, id), 200);
    },
  )
  .openapi(
    route('hr', {
      method: 'post',
      path: '/campaigns/{id}/pause',
      tags,
      summary: 'Pause a live campaign',
      request: { params: idParam },
      responses: { 200: body(Campaign, 'Paused.'), 404: notFound, 409: wrongState },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      await moveCampaign(c.var.services, actorOf(c), id, 'pause');
      return c.json(await campaignView(c, id), 200);
    },
  )
  .openapi(
    route('hr', {
      method: 'post',
      path: '/campaigns/{id}/complete',
      tags,
      summary: 'Mark a live or paused campaign completed',
      request: { params: idParam },
      responses: { 200: body(Campaign, 'Completed.'), 404: notFound, 409: wrongState },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      await moveCampaign(c.var.services, actorOf(c), id, 'complete');
      return c.json(await campaignView(c, id), 200);
    },
  )
  .openapi(
    route('hr', {
      method: 'post',
      path: '/campaigns/{id}/cancel',
      tags,
      summary: 'Cancel a campaign that has not ended',
      request: { params: idParam },
      responses: { 200: body(Campaign, 'Cancelled.'), 404: notFound, 409: wrongState },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      await moveCampaign(c.var.services, actorOf(c), id, 'cancel');
      return c.json(await campaignView(c, id), 200);
    },
  )
  .openapi(
    route('hr', {
      method: 'get',
      path: '/campaigns/{id}/evaluations',
      tags,
      summary: 'Every evaluation of the campaign’s gate, newest first (100), each with what it read',
      request: { params: idParam },
      responses: { 200: body(GateEvaluationList, 'The evaluations.'), 404: notFound },
    }),
    async (c) => {
      const { orgId } = actorOf(c);
      const db = c.var.services.store.db;
      const campaign = await findCampaign(db, orgId, c.req.valid('param').id);
      const [rows, { k }] = await Promise.all([evaluationsOf(db, orgId, campaign.id), orgPolicy(db, orgId)]);
      return c.json({ evaluations: rows.map((row) => evaluationView(row, k)) }, 200);
    },
  );
