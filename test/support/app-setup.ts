import type { TestProject } from 'vitest/node';
import { startApp } from './app-process.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    appUrl: string;
  }
}

/** The built product on the embedded store, started once for the browser suite. */
export default async function setup(project: TestProject) {
  const app = await startApp();
  project.provide('appUrl', app.url);
  return async () => {
    await app.stop();
  };
}
