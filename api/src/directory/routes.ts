import { createRouter } from '../http/router.ts';
import { importRoutes } from './import-routes.ts';
import { peopleRoutes } from './people-routes.ts';
import { unitRoutes } from './unit-routes.ts';

/** The directory: units, people and managers, and imports from an HR export. */
export const directory = createRouter().route('/', unitRoutes).route('/', peopleRoutes).route('/', importRoutes);
