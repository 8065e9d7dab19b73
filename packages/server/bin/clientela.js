#!/usr/bin/env node
// Runs the server as built to JavaScript by `npm run build` (dist/cli.js); nothing is compiled at run time.
try {
  await import('../dist/cli.js');
} catch (error) {
  if (error?.code !== 'ERR_MODULE_NOT_FOUND' || !String(error.message).includes('dist/cli.js')) throw error;
  console.error('The server is not built: run `npm run build` first.');
  process.exit(1);
}
