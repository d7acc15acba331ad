export { type App, type AppOptions, createApp } from './app.ts';
export { type Config, loadConfig } from './config.ts';
export { createKeyring } from './crypto/keyring.ts';
export { seedDemoIfEmpty, seedDemoOrg } from './demo/seed.ts';
export { failInterruptedImports, startImport } from './directory/import-service.ts';
export type { Services } from './http/env.ts';
export { createMailer } from './mail/mailer.ts';
export { closePulse, openPulse, runDuePulses } from './pulses/lifecycle.ts';
export { forgetReleases } from './results/releases.ts';
