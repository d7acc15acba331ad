import { NewUnit, Unit, UnitChange, UnitList, UnitManagers } from '@insideout/contracts';
import { actorOf, route } from '../auth/policy.ts';
import { body, error, idParam, json } from '../http/openapi.ts';
import { createRouter } from '../http/router.ts';
import { changeUnit, createUnit, deleteUnit, getUnit, listUnits, setUnitManagers } from './unit-service.ts';

const tags = ['Directory'];
const notFound = error('No such unit, or not one you may see.');

export const unitRoutes = createRouter()
  .openapi(
    route('staff', {
      method: 'get',
      path: '/units',
      tags,
      summary: 'List units',
      description: 'HR leaders see the whole org; managers the subtrees of the units they manage.',
      responses: { 200: body(UnitList, 'Units in tree order.') },
    }),
    async (c) => c.json({ units: await listUnits(c.var.services.store.db, actorOf(c)) }, 200),
  )
  .openapi(
    route('staff', {
      method: 'get',
      path: '/units/{id}',
      tags,
      summary: 'Read a unit',
      request: { params: idParam },
      responses: { 200: body(Unit, 'The unit.'), 400: error('Invalid id.'), 404: notFound },
    }),
    async (c) => c.json(await getUnit(c.var.services.store.db, actorOf(c), c.req.valid('param').id), 200),
  )
  .openapi(
    route('hr', {
      method: 'post',
      path: '/units',
      tags,
      summary: 'Create a unit',
      request: { body: json(NewUnit) },
      responses: {
        201: body(Unit, 'Created.'),
        400: error('Invalid input, or no such parent unit.'),
        409: error('A sibling unit already has this name (names are compared without case).'),
      },
    }),
    async (c) => c.json(await createUnit(c.var.services.store.db, actorOf(c), c.req.valid('json')), 201),
  )
  .openapi(
    route('hr', {
      method: 'patch',
      path: '/units/{id}',
      tags,
      summary: 'Rename or move a unit',
      description: 'Moving a unit moves its whole subtree, people included.',
      request: { params: idParam, body: json(UnitChange) },
      responses: {
        200: body(Unit, 'Changed.'),
        400: error('Invalid input, a move under its own subtree, or a move of the root unit.'),
        404: notFound,
        409: error('A sibling unit already has this name.'),
      },
    }),
    async (c) =>
      c.json(await changeUnit(c.var.services.store.db, actorOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
  )
  .openapi(
    route('hr', {
      method: 'delete',
      path: '/units/{id}',
      tags,
      summary: 'Delete an empty unit',
      description: 'Only a unit without people (active or not) and without sub-units; never the root unit.',
      request: { params: idParam },
      responses: {
        204: { description: 'Deleted.' },
        404: notFound,
        409: error('The unit still has people or sub-units, or it is the root unit.'),
      },
    }),
    async (c) => {
      await deleteUnit(c.var.services.store.db, actorOf(c), c.req.valid('param').id);
      return c.body(null, 204);
    },
  )
  .openapi(
    route('hr', {
      method: 'put',
      path: '/units/{id}/managers',
      tags,
      summary: 'Set who manages a unit',
      description: 'Replaces the list. Each person must be an active manager or HR leader of the org.',
      request: { params: idParam, body: json(UnitManagers) },
      responses: {
        200: body(Unit, 'The unit with its managers.'),
        400: error('Invalid input, or someone who is not an active manager or HR leader.'),
        404: notFound,
      },
    }),
    async (c) =>
      c.json(
        await setUnitManagers(
          c.var.services.store.db,
          actorOf(c),
          c.req.valid('param').id,
          c.req.valid('json').personIds,
        ),
        200,
      ),
  );
