import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin, type UserConfig } from 'vite';
import { minifyTemplates } from './packages/widgets/build/minify-templates.ts';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/** Every entry of the widget bundles: the script-tag bundle and one per element, each loading on its own. */
export const widgetEntries = {
  clientela: here('packages/widgets/src/clientela.ts'),
  'crm-portal': here('packages/widgets/src/components/portal/portal.ts'),
  'crm-greeting': here('packages/widgets/src/components/greeting/greeting.ts'),
  'crm-account-statement': here('packages/widgets/src/components/account-statement/account-statement.ts'),
  'crm-points-balance': here('packages/widgets/src/components/points-balance/points-balance.ts'),
  'crm-wishlist': here('packages/widgets/src/components/wishlist/wishlist.ts'),
  'crm-wishlist-button': here('packages/widgets/src/components/wishlist-button/wishlist-button.ts'),
  'crm-recommendations': here('packages/widgets/src/components/recommendations/recommendations.ts'),
  'crm-support-chat': here('packages/widgets/src/components/support-chat/support-chat.ts'),
  'crm-agent-console': here('packages/widgets/src/components/agent-console/agent-console.ts'),
};

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

/** The demo pages share their header and footer: `<!-- partial:header -->` takes demo/partials/header.html. */
const demoPartials: Plugin = {
  name: 'clientela:demo-partials',
  transformIndexHtml: (html) =>
    html.replace(/<!-- partial:([\w-]+) -->/g, (_, name: string) => readFileSync(here(`demo/partials/${name}.html`), 'utf8')),
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
        product: here('demo/producto/index.html'),
        agent: here('demo/agent/index.html'),
        react: here('demo/react/index.html'),
        html: here('demo/html/index.html'),
      },
    },
  },
};

export default defineConfig(({ mode }) => (mode === 'demo' ? demo : widgets));
