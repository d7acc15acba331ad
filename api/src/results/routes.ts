import {
  Heatmap,
  HeatmapQuery,
  ResultsPulseList,
  Trend,
  TrendQuery,
  UnitResults,
  UnitResultsQuery,
} from '@insideout/contracts';
import { z } from 'zod';
import { actorOf, route } from '../auth/policy.ts';
import { body, error, idParam } from '../http/openapi.ts';
import { createRouter } from '../http/router.ts';
import { unitResultsCsv } from './csv.ts';
import { heatmap, resultsPulses, unitResults } from './service.ts';
import { unitTrend } from './trend.ts';

const tags = ['Results'];
const disclosure =
  'Every figure is released or hidden with its reason, from the one release plan of the pulse (decided over the ' +
  'whole org tree and its attribute slices), so no sequence of calls shows anything about fewer than k people. ' +
  'While a pulse is open only participation is released. Managers may ask for the units they manage and their ' +
  'sub-units; any other unit is not found.';
const notFound = error('No such unit or pulse, or not one you may see, or the pulse did not ask this unit.');

export const results = createRouter()
  .openapi(
    route('staff', {
      method: 'get',
      path: '/results/pulses',
      tags,
      summary: 'Closed pulses whose results you may read, newest first',
      responses: { 200: body(ResultsPulseList, 'The pulses.') },
    }),
    async (c) => c.json(await resultsPulses(c.var.services.store.db, actorOf(c)), 200),
  )
  .openapi(
    route('staff', {
      method: 'get',
      path: '/results/units/{id}',
      tags,
      summary: "A unit's results: its group, items, drivers, eNPS, sub-units, and an optional breakdown or filter",
      description: disclosure,
      request: { params: idParam, query: UnitResultsQuery },
      responses: { 200: body(UnitResults, 'The results.'), 400: error('Invalid id or query.'), 404: notFound },
    }),
    async (c) =>
      c.json(
        await unitResults(c.var.services.store.db, actorOf(c), c.req.valid('param').id, c.req.valid('query')),
        200,
      ),
  )
  .openapi(
    route('staff', {
      method: 'get',
      path: '/results/units/{id}/export.csv',
      tags,
      summary: "A unit's results as CSV (pulse, group, figure, value); hidden cells carry their reason",
      description: disclosure,
      request: { params: idParam, query: UnitResultsQuery },
      responses: {
        200: { description: 'CSV.', content: { 'text/csv': { schema: z.string() } } },
        400: error('Invalid id or query.'),
        404: notFound,
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const results = await unitResults(c.var.services.store.db, actorOf(c), id, c.req.valid('query'));
      return c.body(unitResultsCsv(results), 200, {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="results-${results.pulse.id}-${id}.csv"`,
        'cache-control': 'no-store',
      });
    },
  )
  .openapi(
    route('staff', {
      method: 'get',
      path: '/results/units/{id}/trend',
      tags,
      summary: "A unit's engagement, drivers and eNPS over its closed pulses, with significant changes",
      description: `${disclosure} A change compares a figure with the previous pulse where it was released.`,
      request: { params: idParam, query: TrendQuery },
      responses: {
        200: body(Trend, 'The trend, oldest pulse first.'),
        400: error('Invalid id or query.'),
        404: notFound,
      },
    }),
    async (c) =>
      c.json(await unitTrend(c.var.services.store.db, actorOf(c), c.req.valid('param').id, c.req.valid('query')), 200),
  )
  .openapi(
    route('staff', {
      method: 'get',
      path: '/results/heatmap',
      tags,
      summary: 'Units of your scope × drivers for one pulse',
      description: disclosure,
      request: { query: HeatmapQuery },
      responses: { 200: body(Heatmap, 'The heatmap.'), 400: error('Invalid pulse id.'), 404: notFound },
    }),
    async (c) => c.json(await heatmap(c.var.services.store.db, actorOf(c), c.req.valid('query').pulseId), 200),
  );
