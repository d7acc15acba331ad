export { type App, type AppOptions, createApp } from './app.ts';
export { type Config, loadConfig } from './config.ts';
