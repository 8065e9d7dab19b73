// Browser tests in real Chromium against the real API (on PGlite, in this process).
// Run through `npm run test:browser`, which loads tsx so the TypeScript below can be imported.
import { createServer } from 'node:net';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { apiServerPlugin } from './test/browser/api-server.ts';

const freePort = () =>
  new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

const port = await freePort();
const api = await apiServerPlugin(`http://localhost:${port}`);

export default {
  // The shopper widgets, the staff elements, and what crosses both (test/browser/).
  files: ['packages/widgets/src/**/*.test.ts', 'packages/staff/src/**/*.test.ts', 'test/browser/**/*.test.ts'],
  nodeResolve: { exportConditions: ['browser', 'development'] },
  port,
  hostname: 'localhost',
  // One page at a time: a page in the background gets no rendering steps, so its intersection observers never report.
  concurrency: 1,
  testFramework: { config: { timeout: 10000 } },
  middleware: api.middleware,
  plugins: [esbuildPlugin({ ts: true, target: 'es2022', tsconfig: 'tsconfig.json' }), api.plugin],
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
        args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic', '--disable-renderer-backgrounding', '--disable-background-timer-throttling', '--disable-backgrounding-occluded-windows'],
      },
    }),
  ],
};
