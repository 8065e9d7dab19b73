import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { before, describe, test } from 'node:test';
import { promisify } from 'node:util';
import { repositoryRoot } from './support/child-process.ts';

const run = promisify(execFile);
const widgets = path.join(repositoryRoot, 'packages/widgets');
const publish = path.join(widgets, 'publish');

interface Manifest {
  exports: Record<string, { types: string; import: string } | string>;
  sideEffects: string[];
  files: string[];
  dependencies: Record<string, string>;
  peerDependencies: Record<string, string>;
  customElements: string;
}

/** The package name a bare specifier names: `lit/directives/x.js` → `lit`, `@lit/react` → `@lit/react`. */
const packageOf = (specifier: string) => specifier.split('/').slice(0, specifier.startsWith('@') ? 2 : 1).join('/');

const specifiersIn = (code: string) =>
  [...code.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*)(['"])([^'"]+)\1/g)].map((match) => match[2]!);

describe('@clientela/widgets as npm publishes it', () => {
  let manifest: Manifest;
  let packed: Set<string>;

  before(async () => {
    await run(process.execPath, [path.join(widgets, 'pack.mjs')], { cwd: repositoryRoot });
    manifest = JSON.parse(await readFile(path.join(publish, 'package.json'), 'utf8'));
    const { stdout } = await run('npm', ['pack', '--dry-run', '--json', publish], { cwd: repositoryRoot });
    const [tarball] = JSON.parse(stdout) as Array<{ files: Array<{ path: string }> }>;
    packed = new Set(tarball!.files.map((file) => file.path));
  });

  test('every export names its types and its module, and the tarball holds both', () => {
    for (const [subpath, target] of Object.entries(manifest.exports)) {
      const files = typeof target === 'string' ? [target] : [target.types, target.import];
      if (typeof target !== 'string') assert.ok(target.types.endsWith('.d.ts') && target.import.endsWith('.js'), subpath);
      for (const file of files) assert.ok(packed.has(file.slice(2)), `${subpath}: ${file} is not in the tarball`);
    }
    assert.ok(packed.has(manifest.customElements), 'custom-elements.json is in the tarball');
    assert.ok(![...packed].some((file) => file.endsWith('.ts') && !file.endsWith('.d.ts')), 'no TypeScript sources');
  });

  test('the define entries, the script-tag bundle, React and the themes are the side effects; the classes are not', () => {
    const entries = Object.entries(manifest.exports).filter(([, target]) => typeof target !== 'string') as Array<[string, { import: string }]>;
    const registering = entries.filter(([subpath]) => subpath !== '.').map(([, target]) => target.import);
    assert.deepEqual([...manifest.sideEffects].sort(), [...registering, './themes/*.css'].sort());
    assert.ok(!manifest.sideEffects.includes((manifest.exports['.'] as { import: string }).import));
    assert.equal(entries.length, 12);
  });

  test('every import in the modules and declarations resolves in the package or names a declared dependency', async () => {
    const declared = new Set([...Object.keys(manifest.dependencies), ...Object.keys(manifest.peerDependencies)]);
    for (const file of packed) {
      if (!file.endsWith('.js') && !file.endsWith('.d.ts')) continue;
      const code = await readFile(path.join(publish, file), 'utf8');
      for (const specifier of specifiersIn(code)) {
        if (specifier.startsWith('.')) {
          const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier));
          const candidates = file.endsWith('.d.ts') ? [target.replace(/\.js$/, '.d.ts')] : [target];
          assert.ok(candidates.some((candidate) => packed.has(candidate)), `${file} imports ${specifier}, which the tarball lacks`);
        } else {
          assert.ok(declared.has(packageOf(specifier)), `${file} imports ${specifier}, not a declared dependency`);
        }
      }
    }
  });

  test('an app type-checks against the published types alone', async () => {
    // A consumer inside the repository, so that Lit, React and the Clientela client resolve as an app's node_modules would.
    const app = path.join(repositoryRoot, '.test-cache', `package-consumer-${process.pid}`);
    await rm(app, { recursive: true, force: true });
    await mkdir(path.join(app, 'node_modules/@clientela'), { recursive: true });
    await symlink(publish, path.join(app, 'node_modules/@clientela/widgets'), 'dir');
    try {
      await writeFile(
        path.join(app, 'tsconfig.json'),
        JSON.stringify({
          // The Clientela client and contract resolve to this repository's TypeScript sources, hence the .ts imports.
          compilerOptions: { target: 'ES2022', module: 'preserve', moduleResolution: 'bundler', lib: ['ES2023', 'DOM'], strict: true, noEmit: true, skipLibCheck: true, allowImportingTsExtensions: true, types: [] },
          files: ['app.ts'],
        }),
      );
      await writeFile(
        path.join(app, 'app.ts'),
        [
          "import '@clientela/widgets/crm-greeting';",
          "import { CrmCartAddEvent, CrmPointsBalance } from '@clientela/widgets';",
          "import { CrmRecommendations } from '@clientela/widgets/react';",
          "import { createElement } from 'react';",
          "const greeting: import('@clientela/widgets').CrmGreeting = document.createElement('crm-greeting');",
          "CrmPointsBalance.define('crm-points-balance');",
          'const onCart = (event: CrmCartAddEvent): string => event.productId;',
          'createElement(CrmRecommendations, { limit: 4, contextProduct: "p-1", onCrmCartAdd: onCart });',
          'export { greeting };',
          '',
        ].join('\n'),
      );
      const tsc = path.join(repositoryRoot, 'node_modules/typescript/bin/tsc');
      await run(process.execPath, [tsc, '-p', path.join(app, 'tsconfig.json')], { cwd: app }).catch((error: { stdout: string }) => {
        throw new Error(`the app does not type-check:\n${error.stdout}`);
      });
      // A wrong prop is caught by the types, so the check above checks something.
      await writeFile(path.join(app, 'app.ts'), "import { CrmRecommendations } from '@clientela/widgets/react';\nimport { createElement } from 'react';\ncreateElement(CrmRecommendations, { limit: 'four' });\n");
      await assert.rejects(run(process.execPath, [tsc, '-p', path.join(app, 'tsconfig.json')], { cwd: app }));
    } finally {
      await rm(app, { recursive: true, force: true });
    }
    assert.ok(existsSync(path.join(publish, 'package.json')));
  });
});
