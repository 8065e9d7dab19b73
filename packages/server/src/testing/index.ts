// Helpers for tests of the server and of packages built on it: a real app on a fresh database, and checks of its answers.
export { assertNotFramedNorEmbedded, assertSecurityHeaders } from './security-headers.ts';
export * from './test-app.ts';
