// Builds a workspace package's entry for Node, as `node dist/…` runs it: one ES module with the package's
// TypeScript and the workspace packages it uses (@clientela/*, which are TypeScript sources), while every
// package from npm stays an import, resolved from node_modules when it runs.
// Usage, from the package's folder: node ../../scripts/bundle-for-node.mjs src/entry.ts dist/entry.js
import { build } from 'esbuild';

const [entry, outfile] = process.argv.slice(2);
if (!entry || !outfile) {
  console.error('Usage: node bundle-for-node.mjs ENTRY.ts OUTFILE.js');
  process.exit(2);
}

/** Bare imports other than the workspace's own packages are left to Node: they are installed beside the package. */
const npmPackagesStayImports = {
  name: 'npm-packages-stay-imports',
  setup(bundler) {
    bundler.onResolve({ filter: /^[^./]/ }, ({ path }) => (path.startsWith('@clientela/') ? undefined : { path, external: true }));
  },
};

await build({
  entryPoints: [entry],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  // Keeps the names of classes and functions, which error messages and logs show.
  keepNames: true,
  logLevel: 'warning',
  plugins: [npmPackagesStayImports],
});
