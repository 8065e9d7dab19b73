// Builds @clientela/widgets as npm publishes it, into packages/widgets/publish:
// ES modules that leave Lit, React and the Clientela client to the app's
// bundler, type declarations beside them, the themes and custom-elements.json,
// and a package.json whose `exports` name `types` and `import` for every entry.
// In the repository the workspace resolves the TypeScript sources instead.
//
//   node packages/widgets/pack.mjs          build it
//   npm pack packages/widgets/publish       make the tarball npm would publish
import { execFileSync } from 'node:child_process';
import { cp, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { publishedDependencies, rewriteDeclarationSpecifiers } from '../../scripts/published-package.mjs';

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

await rewriteDeclarationSpecifiers(path.join(out, 'types'));

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
  // Importing these registers tags or loads styles, as the sources' `sideEffects` say; the classes (`.`) and the internals register nothing and can be shaken out.
  sideEffects: source.sideEffects.map((file) => {
    const entry = scripts.find(([, target]) => target === file);
    return entry ? `./lib/${moduleName(entry[0])}.js` : file;
  }),
  files: ['lib', 'types', 'themes', 'custom-elements.json', 'README.md'],
  customElements: 'custom-elements.json',
  // @clientela/client and @clientela/contract at the versions published with this one (scripts/published-package.mjs).
  dependencies: await publishedDependencies(source.dependencies),
  peerDependencies: source.peerDependencies,
  peerDependenciesMeta: source.peerDependenciesMeta,
};
await writeFile(path.join(out, 'package.json'), `${JSON.stringify(published, null, 2)}\n`);
console.log(`Built ${path.relative(root, out)}: ${scripts.length} modules with their types, ${stylesheets.length} themes`);
