// Builds @clientela/widgets as npm publishes it, into packages/widgets/publish:
// ES modules that leave Lit, React and the Clientela client to the app's
// bundler, type declarations beside them, the themes and custom-elements.json,
// and a package.json whose `exports` name `types` and `import` for every entry.
// In the repository the workspace resolves the TypeScript sources instead.
//
//   node packages/widgets/pack.mjs          build it
//   npm pack packages/widgets/publish       make the tarball npm would publish
import { execFileSync } from 'node:child_process';
import { cp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const out = path.join(here, 'publish');
const source = JSON.parse(await readFile(path.join(here, 'package.json'), 'utf8'));

/** `./crm-greeting` → `crm-greeting`, `.` → `index`: the module's name in lib/. */
const moduleName = (subpath) => (subpath === '.' ? 'index' : subpath.slice(2));
const scripts = Object.entries(source.exports).filter(([, file]) => file.endsWith('.ts'));
const stylesheets = Object.entries(source.exports).filter(([, file]) => file.endsWith('.css'));

await rm(out, { recursive: true, force: true });

await build({
  configFile: false,
  logLevel: 'warn',
  build: {
    outDir: path.join(out, 'lib'),
    emptyOutDir: true,
    target: 'es2022',
    // An app's bundler minifies; readable modules and their maps help whoever debugs one.
    minify: false,
    sourcemap: true,
    lib: { entry: Object.fromEntries(scripts.map(([subpath, file]) => [moduleName(subpath), path.join(here, file)])), formats: ['es'] },
    rollupOptions: {
      // Every package the code imports is a dependency the app installs once, not a copy inside this one.
      external: (id) => !id.startsWith('.') && !path.isAbsolute(id) && !id.startsWith('\0'),
      output: { entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js' },
    },
  },
});

execFileSync(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', path.join(here, 'tsconfig.package.json')], { stdio: 'inherit' });

/** Declarations keep the sources' `.ts` specifiers; published, they name the `.js` modules beside them. */
async function rewriteSpecifiers(dir) {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) await rewriteSpecifiers(file);
    else if (entry.name.endsWith('.d.ts')) {
      const text = await readFile(file, 'utf8');
      await writeFile(file, text.replace(/(\bfrom\s*|\bimport\s*\(?\s*)(['"])(\.{1,2}\/[^'"]+)\.ts\2/g, '$1$2$3.js$2'));
    }
  }
}
await rewriteSpecifiers(path.join(out, 'types'));

await cp(path.join(here, 'themes'), path.join(out, 'themes'), { recursive: true });
await cp(path.join(here, 'custom-elements.json'), path.join(out, 'custom-elements.json'));
await cp(path.join(here, 'README.md'), path.join(out, 'README.md'));

const declarationOf = (file) => `./types/${path.relative('src', file.slice(2)).replace(/\.ts$/, '.d.ts')}`;
const published = {
  name: source.name,
  version: source.version,
  description: source.description,
  type: 'module',
  exports: Object.fromEntries([
    ...scripts.map(([subpath, file]) => [subpath, { types: declarationOf(file), import: `./lib/${moduleName(subpath)}.js` }]),
    ...stylesheets,
  ]),
  // Importing these registers tags or loads styles; the classes alone (`.`) register nothing and can be shaken out.
  sideEffects: [
    ...scripts.filter(([subpath]) => subpath !== '.').map(([subpath]) => `./lib/${moduleName(subpath)}.js`),
    './themes/*.css',
  ],
  files: ['lib', 'types', 'themes', 'custom-elements.json', 'README.md'],
  customElements: 'custom-elements.json',
  dependencies: source.dependencies,
  peerDependencies: source.peerDependencies,
  peerDependenciesMeta: source.peerDependenciesMeta,
};
await writeFile(path.join(out, 'package.json'), `${JSON.stringify(published, null, 2)}\n`);
console.log(`Built ${path.relative(root, out)}: ${scripts.length} modules with their types, ${stylesheets.length} themes`);
