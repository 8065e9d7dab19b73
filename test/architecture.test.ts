import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

/**
 * The server's shape, read from its imports: no file reaches itself through
 * others, a module's neighbours use its `index.ts` and nothing else of it,
 * services never reach into the HTTP layer, and the server stands without
 * the client (the demo store, which uses it, is a package of its own).
 */

const repository = fileURLToPath(new URL('../', import.meta.url));
const server = path.join(repository, 'packages/server');
const source = path.join(server, 'src');

function filesUnder(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) return filesUnder(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

/** What a file imports or re-exports: `import … from '…'`, `export … from '…'`, `import '…'` and `import('…')`. */
function specifiersOf(text: string): string[] {
  const found: string[] = [];
  const patterns = [/^\s*(?:import|export)\s[^;]*?\sfrom\s*['"]([^'"]+)['"]/gm, /^\s*import\s*['"]([^'"]+)['"]/gm, /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g];
  for (const pattern of patterns) for (const match of text.matchAll(pattern)) found.push(match[1]!);
  return found;
}

interface Graph {
  /** Each file (relative to src/) and the files of the server it imports. */
  imports: Map<string, string[]>;
  /** Each file and the packages it imports by name. */
  packages: Map<string, string[]>;
}

function readGraph(): Graph {
  const imports = new Map<string, string[]>();
  const packages = new Map<string, string[]>();
  for (const file of filesUnder(source)) {
    const name = path.relative(source, file);
    const local: string[] = [];
    const named: string[] = [];
    for (const specifier of specifiersOf(readFileSync(file, 'utf8'))) {
      if (!specifier.startsWith('.')) {
        named.push(specifier);
        continue;
      }
      const target = path.resolve(path.dirname(file), specifier);
      assert.ok(existsSync(target), `${name} imports ${specifier}, which is not there`);
      const relative = path.relative(source, target);
      assert.ok(!relative.startsWith('..'), `${name} imports ${specifier}, outside the server's sources: use the package's name`);
      local.push(relative);
    }
    imports.set(name, local);
    packages.set(name, named);
  }
  return { imports, packages };
}

/** The circles in a graph, each as the path that closes it. */
function circles(graph: Map<string, readonly string[]>): string[][] {
  const found: string[][] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const trail: string[] = [];
  const visit = (node: string) => {
    state.set(node, 'visiting');
    trail.push(node);
    for (const next of graph.get(node) ?? []) {
      if (state.get(next) === 'visiting') found.push([...trail.slice(trail.indexOf(next)), next]);
      else if (!state.has(next)) visit(next);
    }
    trail.pop();
    state.set(node, 'done');
  };
  for (const node of [...graph.keys()].sort()) if (!state.has(node)) visit(node);
  return found;
}

/** `modules/loyalty/loyalty.service.ts` → `loyalty`; undefined outside the modules. */
const moduleOf = (file: string) => /^modules\/([^/]+)\//.exec(file)?.[1];

describe('the server, by its imports', () => {
  const { imports, packages } = readGraph();
  const edges = [...imports].flatMap(([from, targets]) => targets.map((to) => ({ from, to })));

  test('no file imports itself through other files', () => {
    const found = circles(imports);
    assert.deepEqual(found.map((circle) => circle.join(' → ')), []);
  });

  test('no module depends on itself through other modules', () => {
    const modules = new Map<string, string[]>();
    for (const { from, to } of edges) {
      const [a, b] = [moduleOf(from), moduleOf(to)];
      if (a && b && a !== b && !from.endsWith('.test.ts')) modules.set(a, [...new Set([...(modules.get(a) ?? []), b])]);
    }
    assert.deepEqual(circles(modules).map((circle) => circle.join(' → ')), []);
  });

  test("a module's neighbours use its index.ts, never its other files", () => {
    const reachingIn = edges.filter(({ from, to }) => {
      const target = moduleOf(to);
      return target !== undefined && moduleOf(from) !== target && !mayReachIn(from, to, target);
    });
    assert.deepEqual(reachingIn.map(({ from, to }) => `${from} → ${to}`), []);
  });

  test('in a module, only its routes use the HTTP layer', () => {
    const intoHttp = edges.filter(({ from, to }) => moduleOf(from) && to.startsWith('http/') && !from.endsWith('.routes.ts') && !from.endsWith('.test.ts'));
    assert.deepEqual(intoHttp.map(({ from, to }) => `${from} → ${to}`), []);
  });

  test('core/ stands on its own, and nothing but the entry points uses app.ts', () => {
    const outOfCore = edges.filter(({ from, to }) => from.startsWith('core/') && !to.startsWith('core/'));
    assert.deepEqual(outOfCore.map(({ from, to }) => `${from} → ${to}`), []);
    const intoApp = edges.filter(({ from, to }) => to === 'app.ts' && !entryPoints.has(from) && !from.startsWith('testing/') && !from.endsWith('.test.ts'));
    assert.deepEqual(intoApp.map(({ from }) => `${from} → app.ts`), []);
  });

  test('the server does not depend on the client', () => {
    const manifest = JSON.parse(readFileSync(path.join(server, 'package.json'), 'utf8')) as Record<string, Record<string, string> | undefined>;
    for (const field of ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies']) {
      assert.equal(manifest[field]?.['@clientela/client'], undefined, `packages/server/package.json ${field}`);
    }
    const users = [...packages].filter(([, named]) => named.some((name) => name === '@clientela/client' || name.startsWith('@clientela/client/')));
    assert.deepEqual(users.map(([file]) => file), []);
  });
});

/** What starts the server or a command: `createApp` and what runs it. */
const entryPoints = new Set(['serve.ts', 'cli.ts', 'index.ts']);

/**
 * Besides a module's index.ts, `createApp` mounts each module's routes and
 * `db/schema.ts` collects each module's tables into one `Database`.
 */
function mayReachIn(from: string, to: string, target: string): boolean {
  if (to === `modules/${target}/index.ts`) return true;
  if (from === 'app.ts' && to.endsWith('.routes.ts')) return true;
  return from === 'db/schema.ts' && to.endsWith('.tables.ts');
}
