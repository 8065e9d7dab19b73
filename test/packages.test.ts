import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, realpath, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { promisify } from 'node:util';
import { createTestApp, createTestMerchant, listen } from '../packages/server/src/testing/test-app.ts';
import { repositoryRoot } from './support/child-process.ts';

const run = promisify(execFile);
const tsc = path.join(repositoryRoot, 'node_modules/typescript/bin/tsc');

interface Manifest {
  name: string;
  version: string;
  exports: Record<string, { types: string; import: string } | string>;
  sideEffects: string[] | false;
  files: string[];
  dependencies: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
  customElements?: string;
}

interface Published {
  workspace: string;
  manifest: Manifest;
  /** Paths inside the tarball, as `npm pack` lists them. */
  packed: Set<string>;
  tarball: string;
}

/** The package name a bare specifier names: `lit/directives/x.js` → `lit`, `@lit/react` → `@lit/react`. */
const packageOf = (specifier: string) => specifier.split('/').slice(0, specifier.startsWith('@') ? 2 : 1).join('/');

const specifiersIn = (code: string) =>
  [...code.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*)(['"])([^'"]+)\1/g)].map((match) => match[2]!);

const readManifest = async (dir: string): Promise<Manifest> => JSON.parse(await readFile(path.join(dir, 'package.json'), 'utf8'));

/** Where Node would find package `name` from `from`: the nearest node_modules up the tree that holds it. */
function packageDir(name: string, from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules', name);
    if (existsSync(path.join(candidate, 'package.json'))) return candidate;
    if (path.dirname(dir) === dir) throw new Error(`${name} is not installed above ${from}`);
  }
}

/**
 * The published packages' dependencies from npm (Lit, zod, ky and theirs,
 * and the peers npm installs), packed from the versions this repository
 * installed for each workspace: the registry, offline.
 */
async function packDependencies(published: Published[], destination: string): Promise<string[]> {
  const dirs = new Set<string>();
  const visit = async (name: string, from: string) => {
    const dir = packageDir(name, from);
    if (dirs.has(dir)) return;
    dirs.add(dir);
    const manifest = await readManifest(dir);
    const peers = Object.keys(manifest.peerDependencies ?? {}).filter((peer) => !manifest.peerDependenciesMeta?.[peer]?.optional);
    for (const dependency of [...Object.keys(manifest.dependencies ?? {}), ...peers]) await visit(dependency, dir);
  };
  for (const { workspace, manifest } of published) {
    for (const dependency of Object.keys(manifest.dependencies)) {
      if (!dependency.startsWith('@clientela/')) await visit(dependency, workspace);
    }
  }
  const { stdout } = await run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', destination, ...dirs], { cwd: destination });
  return (JSON.parse(stdout) as Array<{ filename: string }>).map((tarball) => path.join(destination, tarball.filename));
}

describe("Clientela's packages as npm publishes them", () => {
  const tarballs = path.join(os.tmpdir(), `clientela-tarballs-${process.pid}`);
  const published: Record<'contract' | 'client' | 'widgets', Published> = {} as never;

  before(async () => {
    await rm(tarballs, { recursive: true, force: true });
    await run('npm', ['run', 'pack:packages', '--silent'], { cwd: repositoryRoot });
    await mkdir(tarballs, { recursive: true });
    for (const name of ['contract', 'client', 'widgets'] as const) {
      const workspace = path.join(repositoryRoot, 'packages', name);
      const { stdout } = await run('npm', ['pack', '--json', '--pack-destination', tarballs, path.join(workspace, 'publish')], { cwd: repositoryRoot });
      const [tarball] = JSON.parse(stdout) as Array<{ filename: string; files: Array<{ path: string }> }>;
      published[name] = {
        workspace,
        manifest: await readManifest(path.join(workspace, 'publish')),
        packed: new Set(tarball!.files.map((file) => file.path)),
        tarball: path.join(tarballs, tarball!.filename),
      };
    }
  });
  after(() => rm(tarballs, { recursive: true, force: true }));

  test('every export names its types and its module, and the tarball holds both and no TypeScript source', () => {
    for (const { manifest, packed } of Object.values(published)) {
      for (const [subpath, target] of Object.entries(manifest.exports)) {
        const files = typeof target === 'string' ? [target] : [target.types, target.import];
        if (typeof target !== 'string') assert.ok(target.types.endsWith('.d.ts') && target.import.endsWith('.js'), `${manifest.name} ${subpath}`);
        for (const file of files) assert.ok(packed.has(file.slice(2)), `${manifest.name} ${subpath}: ${file} is not in the tarball`);
      }
      assert.ok(![...packed].some((file) => file.endsWith('.ts') && !file.endsWith('.d.ts')), `${manifest.name} ships no TypeScript sources`);
    }
    assert.ok(published.widgets.packed.has(published.widgets.manifest.customElements!), 'custom-elements.json is in the tarball');
  });

  test('every import in the modules and declarations resolves in the package or names a declared dependency', async () => {
    for (const { workspace, manifest, packed } of Object.values(published)) {
      const declared = new Set([...Object.keys(manifest.dependencies), ...Object.keys(manifest.peerDependencies ?? {})]);
      for (const file of packed) {
        if (!file.endsWith('.js') && !file.endsWith('.d.ts')) continue;
        const code = await readFile(path.join(workspace, 'publish', file), 'utf8');
        for (const specifier of specifiersIn(code)) {
          if (specifier.startsWith('.')) {
            const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier));
            const candidate = file.endsWith('.d.ts') ? target.replace(/\.js$/, '.d.ts') : target;
            assert.ok(packed.has(candidate), `${manifest.name}: ${file} imports ${specifier}, which the tarball lacks`);
          } else {
            assert.ok(declared.has(packageOf(specifier)), `${manifest.name}: ${file} imports ${specifier}, not a declared dependency`);
          }
        }
      }
    }
  });

  test('the widgets and the client depend on the Clientela packages published with them', () => {
    const { contract, client, widgets } = published;
    assert.equal(client.manifest.dependencies['@clientela/contract'], contract.manifest.version);
    assert.equal(widgets.manifest.dependencies['@clientela/client'], client.manifest.version);
    assert.equal(widgets.manifest.dependencies['@clientela/contract'], contract.manifest.version);
    assert.ok(client.manifest.dependencies.ky, 'ky is the client’s dependency');
  });

  test('the widgets’ define entries, script-tag bundle, React and themes are their side effects; the classes and the internals are not', async () => {
    const { manifest } = published.widgets;
    const source = await readManifest(published.widgets.workspace);
    const entries = Object.entries(manifest.exports).filter(([, target]) => typeof target !== 'string') as Array<[string, { import: string }]>;
    const registering = entries.filter(([subpath]) => subpath !== '.' && subpath !== './internal').map(([, target]) => target.import);
    assert.deepEqual([...(manifest.sideEffects as string[])].sort(), [...registering, './themes/*.css'].sort());
    assert.ok(!(manifest.sideEffects as string[]).includes((manifest.exports['.'] as { import: string }).import));
    assert.equal(entries.length, Object.values(source.exports).filter((file) => file.toString().endsWith('.ts')).length);
    assert.equal(published.client.manifest.sideEffects, false);
    assert.equal(published.contract.manifest.sideEffects, false);
  });

  describe('in an app that installs the three tarballs', () => {
    let app: string;

    before(async () => {
      app = await realpath(await mkdtemp(path.join(os.tmpdir(), 'clientela-app-')));
      await writeFile(path.join(app, 'package.json'), JSON.stringify({ name: 'store', private: true, type: 'module' }));
      const dependencies = await packDependencies(Object.values(published), tarballs);
      const ours = Object.values(published).map((each) => each.tarball);
      await run('npm', ['install', '--offline', '--no-audit', '--no-fund', '--ignore-scripts', '--no-package-lock', ...ours, ...dependencies], { cwd: app });
    });
    after(() => rm(app, { recursive: true, force: true }));

    /** Type-checks the app's files against what it installed, as a bundled page (`bundler`) or as Node (`nodenext`) resolves packages. */
    const typeCheck = async (files: string[], resolution: 'bundler' | 'nodenext', emit = false) => {
      const module = resolution === 'bundler' ? 'preserve' : 'nodenext';
      const compilerOptions = { target: 'ES2022', module, moduleResolution: resolution, lib: ['ES2023', 'DOM', 'DOM.Iterable'], strict: true, noEmit: !emit, types: [] };
      await writeFile(path.join(app, 'tsconfig.json'), JSON.stringify({ compilerOptions, files }));
      await run(process.execPath, [tsc, '-p', path.join(app, 'tsconfig.json')], { cwd: app }).catch((error: { stdout: string }) => {
        throw new Error(`the app does not type-check (${resolution}):\n${error.stdout}`);
      });
    };

    test('a page type-checks against the published types alone, bundled or in Node', async () => {
      await writeFile(
        path.join(app, 'page.ts'),
        [
          "import '@clientela/widgets/crm-greeting';",
          "import { CrmCartAddEvent, CrmPointsBalance } from '@clientela/widgets';",
          "import { CrmRecommendations } from '@clientela/widgets/react';",
          "import { createClient, ApiError } from '@clientela/client';",
          "import { getMyPoints } from '@clientela/contract/routes';",
          "import { createElement } from 'react';",
          "const greeting: import('@clientela/widgets').CrmGreeting = document.createElement('crm-greeting');",
          "CrmPointsBalance.define('crm-points-balance');",
          'const onCart = (event: CrmCartAddEvent): string => event.productId;',
          'createElement(CrmRecommendations, { limit: 4, contextProduct: "p-1", onCrmCartAdd: onCart });',
          "const client = createClient({ api: 'https://crm.example', publishableKey: 'pk_test', token: null });",
          'export const balance = (): Promise<number> => client.call(getMyPoints).then((points) => points.balance, (error: ApiError) => -error.status);',
          'export { greeting };',
          '',
        ].join('\n'),
      );
      // React's types are installed as @lit/react's peer; React itself is the app's business.
      for (const resolution of ['bundler', 'nodenext'] as const) await typeCheck(['page.ts'], resolution);

      // Wrong calls are caught by the published types, so the check above checks something.
      await writeFile(path.join(app, 'page.ts'), "import { CrmRecommendations } from '@clientela/widgets/react';\nimport { createElement } from 'react';\ncreateElement(CrmRecommendations, { limit: 'four' });\n");
      await assert.rejects(typeCheck(['page.ts'], 'bundler'));
      await writeFile(path.join(app, 'page.ts'), "import { createClient } from '@clientela/client';\nimport { createSession } from '@clientela/contract';\ncreateClient({ api: 'x' }).call(createSession, { body: { customer: 'c-1' } });\n");
      await assert.rejects(typeCheck(['page.ts'], 'bundler'));
    });

    test('a merchant backend written against the published packages calls the API in Node', async () => {
      const api = await createTestApp();
      const server = await listen(api);
      try {
        const store = await createTestMerchant(api);
        await writeFile(
          path.join(app, 'backend.ts'),
          [
            "import { ApiError, createClient } from '@clientela/client';",
            "import { createSession, getCustomer, getMe, putCustomer } from '@clientela/contract';",
            "import * as routes from '@clientela/contract/routes';",
            '',
            '/** Syncs a customer, mints their session and reads them back as their page would. */',
            'export async function signIn(api: string, secretKey: string, publishableKey: string) {',
            '  const backend = createClient({ api, secretKey });',
            "  await backend.call(putCustomer, { params: { id: 'c-npm' }, body: { firstName: 'Ana', lastName: 'Torres' } });",
            "  const { token } = await backend.call(createSession, { body: { customerId: 'c-npm' } });",
            '  const page = createClient({ api, publishableKey, token });',
            '  const me = await page.call(getMe);',
            '  const sameByRoute = JSON.stringify(await page.call(routes.getMe)) === JSON.stringify(me);',
            "  const missing = await backend.call(getCustomer, { params: { id: 'nobody' } }).then(() => 200, (error: unknown) => (error instanceof ApiError ? error.status : 0));",
            '  return { firstName: me.firstName, sameByRoute, missing };',
            '}',
            '',
          ].join('\n'),
        );
        await typeCheck(['backend.ts'], 'nodenext', true);
        await writeFile(
          path.join(app, 'main.js'),
          [
            "import { signIn } from './backend.js';",
            'const [api, secretKey, publishableKey] = process.argv.slice(2);',
            "console.log(JSON.stringify({ resolved: import.meta.resolve('@clientela/client'), ...(await signIn(api, secretKey, publishableKey)) }));",
            '',
          ].join('\n'),
        );
        const { stdout } = await run(process.execPath, ['main.js', server.url, store.secretKey, store.publishableKey], { cwd: app });
        const { resolved, ...answer } = JSON.parse(stdout) as { resolved: string; firstName: string; sameByRoute: boolean; missing: number };
        assert.ok(resolved.startsWith(`file://${app}/node_modules/@clientela/client/lib/`), `the published client runs, not the workspace's: ${resolved}`);
        assert.deepEqual(answer, { firstName: 'Ana', sameByRoute: true, missing: 404 });
      } finally {
        await server.close();
        await api.close();
      }
    });
  });
});
