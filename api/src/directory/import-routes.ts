import { ImportJob, ImportJobList, ImportRequest } from '@insideout/contracts';
import { actorOf, route } from '../auth/policy.ts';
import { body, error, idParam, json } from '../http/openapi.ts';
import { createRouter } from '../http/router.ts';
import { getImport, listImports, startImport } from './import-service.ts';

const tags = ['Directory import'];

export const importRoutes = createRouter()
  .openapi(
    route('hr', {
      method: 'post',
      path: '/imports',
      tags,
      summary: 'Import people and units from an HR export (CSV)',
      description: [
        'Answers 202 at once; follow the job with GET /imports/{id}.',
        'Columns (header row, any case, English or French): email / e-mail / courriel, name / display_name / nom,',
        'unit / unit_path / unité (e.g. `Sales/France/Paris`, below the root unit; missing units are created),',
        'role / rôle (employee, manager, hr_admin; empty: employee for new people, unchanged for others),',
        'location / site, tenure / tenure_band / ancienneté, and any other column as an attribute.',
        'People are matched by e-mail; nobody is ever deleted. Bad rows are reported by line and the others imported,',
        'unless `allOrNothing`. A dry run writes nothing and reports what a real run would do.',
      ].join(' '),
      request: { body: json(ImportRequest) },
      responses: {
        202: body(ImportJob, 'The job, running.'),
        400: error('Invalid input.'),
        409: error('Another import of the org is running.'),
        413: error('The request is too large.'),
      },
    }),
    async (c) => {
      const { store, now } = c.var.services;
      const { job } = await startImport(store, actorOf(c), c.req.valid('json'), now);
      return c.json(job, 202);
    },
  )
  .openapi(
    route('hr', {
      method: 'get',
      path: '/imports',
      tags,
      summary: 'Recent imports, newest first',
      responses: { 200: body(ImportJobList, 'The 50 most recent import jobs.') },
    }),
    async (c) => {
      const actor = actorOf(c);
      return c.json({ imports: await listImports(c.var.services.store.db, actor.orgId) }, 200);
    },
  )
  .openapi(
    route('hr', {
      method: 'get',
      path: '/imports/{id}',
      tags,
      summary: 'Read an import job and its report',
      request: { params: idParam },
      responses: { 200: body(ImportJob, 'The job.'), 400: error('Invalid id.'), 404: error('No such import.') },
    }),
    async (c) => c.json(await getImport(c.var.services.store.db, actorOf(c).orgId, c.req.valid('param').id), 200),
  );
