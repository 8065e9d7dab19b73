import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin, type UserConfig } from 'vite';
import { minifyTemplates } from './packages/widgets/build/minify-templates.ts';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/**
 * A package's page bundles: the script-tag loader and one entry per element,
 * read from its `exports` (which `npm run generate` writes from its component
 * folders), named as they are served under /widgets/ with `prefix`.
 */
function pageEntries(packageDir: string, prefix = ''): Record<string, string> {
  const { exports } = JSON.parse(readFileSync(here(`${packageDir}/package.json`), 'utf8')) as { exports: Record<string, string> };
  return Object.fromEntries(
    Object.entries(exports)
      .filter(([subpath]) => subpath === './clientela' || subpath.startsWith('./crm-'))
      .map(([subpath, file]) => [prefix + subpath.slice(2), here(`${packageDir}/${file}`)]),
  );
}

/**
 * Every entry of the bundles served under /widgets/: the shopper kit's
 * script-tag bundle and one per element, each loading on its own, and the
 * staff elements under staff/ (`/widgets/staff/crm-agent-console.js`), which
 * the shopper kit never loads. One build, so both share Lit's chunk.
 */
export const widgetEntries = { ...pageEntries('packages/widgets'), ...pageEntries('packages/staff', 'staff/') };

/** The shipped themes are plain CSS, copied as written to /widgets/themes/. */
const widgetThemes: Plugin = {
  name: 'clientela:widget-themes',
  generateBundle() {
    const themes = here('packages/widgets/themes/');
    for (const file of readdirSync(themes)) {
      this.emitFile({ type: 'asset', fileName: `themes/${file}`, source: readFileSync(themes + file, 'utf8') });
    }
  },
};

/**
 * How code that ships to pages is built, for the widgets and for the
 * benchmark's Lit floor alike: ES2022, minified (library mode would keep
 * whitespace and comments in ES output), templates' whitespace shortened.
 */
export const pageCode = {
  plugins: [minifyTemplates((id) => !id.includes('/node_modules/'))],
  build: { target: 'es2022', minify: true },
  output: { minify: true },
} as const;

/** The widget bundles served under /widgets/: ES modules, Lit and shared code in hashed chunks. */
const widgets: UserConfig = {
  plugins: [...pageCode.plugins, widgetThemes],
  build: {
    ...pageCode.build,
    outDir: here('packages/widgets/dist'),
    emptyOutDir: true,
    sourcemap: true,
    lib: { entry: widgetEntries, formats: ['es'] },
    rollupOptions: {
      output: {
        ...pageCode.output,
        entryFileNames: '[name].js',
        chunkFileNames: 'chunks/[name]-[hash].js',
      },
    },
  },
};

/**
 * The store's pages share their head, header and footer: `<!-- partial:head -->`
 * takes demo/partials/head.html. Put in before Vite reads the page, so the
 * stylesheet and script a partial names are built like the page's own.
 */
const demoPartials: Plugin = {
  name: 'clientela:demo-partials',
  transformIndexHtml: {
    order: 'pre',
    handler: (html) => html.replace(/<!-- partial:([\w-]+) -->/g, (_, name: string) => readFileSync(here(`demo/partials/${name}.html`), 'utf8')),
  },
};

/** The demo store and agent page, built as a multi-page site into demo/dist. */
const demo: UserConfig = {
  // The pages load the widgets as a merchant does, with a script tag marked vite-ignore, from the server's /widgets/.
  root: here('demo'),
  plugins: [demoPartials],
  build: {
    outDir: here('demo/dist'),
    emptyOutDir: true,
    target: 'es2022',
    // No inline scripts or styles, not even small assets: the pages run under a strict CSP.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    rollupOptions: {
      input: {
        store: here('demo/index.html'),
        statement: here('demo/estado-de-cuenta/index.html'),
        points: here('demo/mis-puntos/index.html'),
        wishlist: here('demo/favoritos/index.html'),
        orders: here('demo/mis-pedidos/index.html'),
        product: here('demo/producto/index.html'),
        agent: here('demo/agent/index.html'),
        react: here('demo/react/index.html'),
        html: here('demo/html/index.html'),
      },
    },
  },
};

export default defineConfig(({ mode }) => (mode === 'demo' ? demo : widgets));
