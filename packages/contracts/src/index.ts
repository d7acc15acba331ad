export * from './audit.ts';
export * from './auth.ts';
export * from './directory.ts';
export * from './errors.ts';
export * from './health.ts';
export * from './import.ts';
export * from './pulses.ts';
export * from './survey.ts';
