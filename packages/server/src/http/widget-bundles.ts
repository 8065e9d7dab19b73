import { serveStatic } from '@hono/node-server/serve-static';
import type { Hono } from 'hono';
import { setHeaders, widgetBundleHeaders } from './security-headers.ts';

/** Hashed chunks never change; the loader and other fixed names may, with each release. */
const hashedChunk = /-[\w-]{8}\.js$/;

/** Serves the widget bundles in `root` under /widgets/: module scripts that merchants' pages on any origin load. */
export function serveWidgetBundles(app: Hono, root: string): void {
  app.use('/widgets/*', async (c, next) => {
    await next();
    setHeaders(c.res.headers, widgetBundleHeaders);
    // Module scripts from another origin need CORS.
    c.res.headers.set('access-control-allow-origin', '*');
    c.res.headers.set('cache-control', hashedChunk.test(c.req.path) ? 'public, max-age=31536000, immutable' : 'public, max-age=300');
  });
  app.use('/widgets/*', serveStatic({ root, rewriteRequestPath: (path) => path.replace(/^\/widgets/, '') }));
}
