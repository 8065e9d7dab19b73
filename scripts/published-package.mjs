// Builds workspace packages as npm publishes them, each into its `publish`
// folder. In the repository the workspaces resolve one another's TypeScript
// sources; published, a package holds JavaScript modules with their type
// declarations beside them, and a package.json whose `exports` name `types`
// and `import` for every entry and whose dependencies on the other Clientela
// packages name the versions published with it. The workspace package.json
// stays private, so that its sources are never published by mistake.
//
//   node scripts/published-package.mjs packages/contract packages/client
//   npm pack packages/client/publish        the tarball npm would publish
//
// The widgets, which Vite builds, use the helpers below from their own pack.mjs.
import { execFileSync } from 'node:child_process';
import { cp, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const readJson = async (file) => JSON.parse(await readFile(file, 'utf8'));

/** Declarations keep the sources' `.ts` specifiers; published, they name the `.js` modules beside them. */
export async function rewriteDeclarationSpecifiers(dir) {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) await rewriteDeclarationSpecifiers(file);
    else if (entry.name.endsWith('.d.ts')) {
      const text = await readFile(file, 'utf8');
      await writeFile(file, text.replace(/(\bfrom\s*|\bimport\s*\(?\s*)(['"])(\.{1,2}\/[^'"]+)\.ts\2/g, '$1$2$3.js$2'));
    }
  }
}

/** The workspace packages by name, with the version each publishes. */
async function workspaceVersions() {
  const { workspaces } = await readJson(path.join(root, 'package.json'));
  const manifests = await Promise.all(workspaces.map((workspace) => readJson(path.join(root, workspace, 'package.json'))));
  return new Map(manifests.map((manifest) => [manifest.name, manifest.version]));
}

/** `dependencies` with each one on another Clientela package pinned to the version published beside it. */
export async function publishedDependencies(dependencies = {}) {
  const versions = await workspaceVersions();
  return Object.fromEntries(Object.entries(dependencies).map(([name, range]) => [name, versions.get(name) ?? range]));
}

/** A package of plain TypeScript modules (`exports` naming `./src/*.ts`), compiled module by module by tsc. */
async function publishModules(dir) {
  const source = await readJson(path.join(dir, 'package.json'));
  const out = path.join(dir, 'publish');
  await rm(out, { recursive: true, force: true });
  await mkdir(out);
  // The repository's compiler settings, emitting: ES modules whose relative imports name `.js`, declarations, maps with the sources inside.
  const config = path.join(out, 'tsconfig.json');
  await writeFile(
    config,
    JSON.stringify({
      extends: path.join(root, 'tsconfig.json'),
      compilerOptions: {
        noEmit: false,
        declaration: true,
        sourceMap: true,
        inlineSources: true,
        rewriteRelativeImportExtensions: true,
        rootDir: path.join(dir, 'src'),
        outDir: path.join(out, 'lib'),
        types: [],
      },
      include: [path.join(dir, 'src')],
      exclude: [path.join(dir, 'src/**/*.test.ts')],
    }),
  );
  execFileSync(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', config], { stdio: 'inherit' });
  await rm(config);
  await rewriteDeclarationSpecifiers(path.join(out, 'lib'));

  const files = ['lib'];
  for (const extra of ['README.md']) {
    await cp(path.join(dir, extra), path.join(out, extra)).then(
      () => files.push(extra),
      () => undefined,
    );
  }
  const published = {
    name: source.name,
    version: source.version,
    description: source.description,
    type: 'module',
    exports: Object.fromEntries(
      Object.entries(source.exports).map(([subpath, file]) => {
        const module = `./lib/${path.posix.relative('src', file.slice(2)).replace(/\.ts$/, '')}`;
        return [subpath, { types: `${module}.d.ts`, import: `${module}.js` }];
      }),
    ),
    sideEffects: source.sideEffects,
    files,
    dependencies: await publishedDependencies(source.dependencies),
  };
  await writeFile(path.join(out, 'package.json'), `${JSON.stringify(published, null, 2)}\n`);
  console.log(`Built ${path.relative(root, out)}: ${Object.keys(published.exports).length} entries with their types`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const dir of process.argv.slice(2)) await publishModules(path.resolve(dir));
}
