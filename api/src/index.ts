export { type App, type AppOptions, createApp } from './app.ts';
export { type Config, loadConfig } from './config.ts';
export { seedDemoIfEmpty, seedDemoOrg } from './demo/seed.ts';
export type { Services } from './http/env.ts';
export { createMailer } from './mail/mailer.ts';
