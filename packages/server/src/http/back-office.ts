import type { Hono } from 'hono';
import { sameOriginHeaders } from './security-headers.ts';

/**
 * The back office's page runs nothing inline: its scripts are the staff
 * bundle under /widgets/staff/ and its own light-or-dark switch, its styles
 * the kit's themes and the element's own (adopted stylesheets), and it talks
 * only to this server's API.
 */
export const backOfficeContentSecurityPolicy = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** The page's own few rules, on the kit's theme tokens; the element styles itself. */
const pageStyles = `body { margin: 0; font-family: system-ui, sans-serif; background: var(--crm-color-surface-subtle, #f3f4f6); color: var(--crm-color-text, #111827); }
main { max-width: 90rem; margin: 0 auto; padding: 1rem; }
h1 { font-size: 1.4rem; margin: 0 0 1rem; }
`;

/** The page follows the light or dark setting of the device it is opened on, and its changes, through the kit's two themes. */
const colorSchemeScript = `const dark = matchMedia('(prefers-color-scheme: dark)');
const follow = () => { document.documentElement.dataset.crmTheme = dark.matches ? 'dark' : 'light'; };
follow();
dark.addEventListener('change', follow);
`;

const escapeAttribute = (value: string) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/** The page at /admin/: the staff bundle and one `<crm-back-office>`, which asks for the store's publishable key unless the server names one. */
export function backOfficePage(options: { publishableKey?: string } = {}): string {
  const key = options.publishableKey ? ` publishable-key="${escapeAttribute(options.publishableKey)}"` : '';
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Clientela · Back office</title>
    <link rel="icon" href="data:," />
    <link rel="stylesheet" href="/widgets/themes/light.css" />
    <link rel="stylesheet" href="/widgets/themes/dark.css" />
    <link rel="stylesheet" href="/admin/back-office.css" />
    <script type="module" src="/admin/color-scheme.js"></script>
    <script type="module" src="/widgets/staff/crm-back-office.js"></script>
  </head>
  <body>
    <main>
      <h1>Back office</h1>
      <crm-back-office${key}></crm-back-office>
    </main>
  </body>
</html>
`;
}

/**
 * Serves the merchant's back office at /admin/ under a strict
 * Content-Security-Policy; in demo mode the page names the demo store's
 * publishable key, so its staff sign in with their email and password alone.
 */
export function serveBackOffice(app: Hono, options: { publishableKey?: string } = {}): void {
  const page = backOfficePage(options);
  const headers = { ...sameOriginHeaders, 'content-security-policy': backOfficeContentSecurityPolicy };
  app.get('/admin', (c) => c.redirect('/admin/', 301));
  app.get('/admin/back-office.css', (c) => c.body(pageStyles, 200, { ...headers, 'content-type': 'text/css; charset=utf-8', 'cache-control': 'public, max-age=300' }));
  app.get('/admin/color-scheme.js', (c) =>
    c.body(colorSchemeScript, 200, { ...headers, 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'public, max-age=300' }),
  );
  app.get('/admin/', (c) => c.html(page, 200, { ...headers, 'cache-control': 'no-cache' }));
}
