// What other packages use of the server as a whole: the app, built from its dependencies, and what a demo
// gives `clientela serve --demo`. Its modules, core types and test helpers are exported by path (package.json).
export { apiVersion, createApp, type AppOptions } from './app.ts';
export type { AppDeps } from './deps.ts';
export type { Demo, DemoSeedResult } from './serve.ts';
