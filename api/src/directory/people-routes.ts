import { NewPerson, PeopleQuery, Person, PersonChange, PersonPage } from '@insideout/contracts';
import { actorOf, route } from '../auth/policy.ts';
import { body, error, idParam, json } from '../http/openapi.ts';
import { createRouter } from '../http/router.ts';
import { listPeople } from './people-page.ts';
import { changePerson, createPerson, getPerson } from './people-service.ts';

const tags = ['Directory'];
const notFound = error('No such person, or not one you may see.');

export const peopleRoutes = createRouter()
  .openapi(
    route('staff', {
      method: 'get',
      path: '/people',
      tags,
      summary: 'Search people',
      description:
        'By name, sorted by name, a page at a time. `q` matches names and e-mails; `unitId` includes its sub-units. ' +
        'Managers see only the people of the units they manage and their sub-units.',
      request: { query: PeopleQuery },
      responses: {
        200: body(PersonPage, 'A page of people and how many match in all.'),
        400: error('Invalid filter or cursor.'),
        404: error('No such unit, or not one you may see.'),
      },
    }),
    async (c) => c.json(await listPeople(c.var.services.store.db, actorOf(c), c.req.valid('query')), 200),
  )
  .openapi(
    route('staff', {
      method: 'get',
      path: '/people/{id}',
      tags,
      summary: 'Read a person',
      request: { params: idParam },
      responses: { 200: body(Person, 'The person.'), 400: error('Invalid id.'), 404: notFound },
    }),
    async (c) => c.json(await getPerson(c.var.services.store.db, actorOf(c), c.req.valid('param').id), 200),
  )
  .openapi(
    route('hr', {
      method: 'post',
      path: '/people',
      tags,
      summary: 'Add a person',
      request: { body: json(NewPerson) },
      responses: {
        201: body(Person, 'Created.'),
        400: error('Invalid input, or no such unit.'),
        409: error('Someone in the org already has this e-mail address.'),
      },
    }),
    async (c) => c.json(await createPerson(c.var.services.store.db, actorOf(c), c.req.valid('json')), 201),
  )
  .openapi(
    route('hr', {
      method: 'patch',
      path: '/people/{id}',
      tags,
      summary: 'Change a person',
      description:
        'Deactivating someone, or making a manager or HR leader an employee, signs them out everywhere and removes ' +
        'them from the units they managed. The org always keeps one active HR leader.',
      request: { params: idParam, body: json(PersonChange) },
      responses: {
        200: body(Person, 'Changed.'),
        400: error('Invalid input, or no such unit.'),
        404: notFound,
        409: error('The e-mail address is taken, or this is the last active HR leader.'),
      },
    }),
    async (c) => {
      const { store, now } = c.var.services;
      const person = await changePerson(store.db, actorOf(c), c.req.valid('param').id, c.req.valid('json'), now());
      return c.json(person, 200);
    },
  );
