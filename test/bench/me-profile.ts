import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { demoShoppers, startMeServer } from './me-baseline.ts';
import { benchAdminUrl, withBenchDatabase } from './me-postgres.ts';
import { load } from './throughput.ts';

// (C) Where a server's time goes: a summary of the CPU profile that
// `node --cpu-prof` wrote for it (see `cpuProfileDir` of the me-* benches).

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileShare {
  name: string;
  /** Share of the sampled time, 0–1. */
  share: number;
}

export interface ProfileSummary {
  file: string;
  sampledMs: number;
  /** Self time by package (`kysely`, `@electric-sql/pglite`), by server folder, or by what V8 calls it (`(garbage collector)`, `writev`). */
  byPackage: ProfileShare[];
  /** Self time by function. */
  byFunction: ProfileShare[];
  /** Time in a function and everything it called, for the functions named by `inclusive`. */
  inclusive: ProfileShare[];
}

const shortUrl = (url: string) => url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*?\/packages\//, 'packages/');

function packageOf(frame: ProfileNode['callFrame']): string {
  if (!frame.url) return frame.functionName;
  const short = shortUrl(frame.url);
  if (short.startsWith('packages/')) return short.split('/').slice(0, 4).join('/');
  if (short.startsWith('node:')) return short;
  if (short.startsWith('wasm://')) return 'wasm';
  return short.split('/').slice(0, short.startsWith('@') ? 2 : 1).join('/');
}

const functionOf = (frame: ProfileNode['callFrame']) => `${frame.functionName || '(anonymous)'} ${shortUrl(frame.url)}:${frame.lineNumber + 1}`;

const ranked = (totals: Map<string, number>, all: number, top: number): ProfileShare[] =>
  [...totals]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([name, time]) => ({ name, share: time / all }));

/**
 * Summarizes the largest profile in `dir` (the main thread's; a loader thread
 * writes a small one beside it), over its last `lastSeconds` only, so that
 * start-up does not count.
 */
export async function summarizeCpuProfile(dir: string, options: { lastSeconds?: number; top?: number; inclusive?: RegExp } = {}): Promise<ProfileSummary> {
  const { lastSeconds = 10, top = 15 } = options;
  const files = await Promise.all(
    (await readdir(dir)).filter((name) => name.endsWith('.cpuprofile')).map(async (name) => ({ name, size: (await stat(path.join(dir, name))).size })),
  );
  const file = path.join(dir, files.sort((a, b) => b.size - a.size)[0]!.name);
  const profile = JSON.parse(await readFile(file, 'utf8')) as CpuProfile;

  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const parents = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parents.set(child, node.id);

  const elapsed = profile.timeDeltas.reduce((sum, delta) => sum + delta, 0);
  const from = elapsed - lastSeconds * 1e6;
  const bySample = new Map<number, number>();
  let at = 0;
  let all = 0;
  profile.samples.forEach((id, index) => {
    const delta = profile.timeDeltas[index] ?? 0;
    at += delta;
    if (at < from) return;
    bySample.set(id, (bySample.get(id) ?? 0) + delta);
    all += delta;
  });

  const byPackage = new Map<string, number>();
  const byFunction = new Map<string, number>();
  const inclusive = new Map<string, number>();
  const add = (totals: Map<string, number>, name: string, time: number) => totals.set(name, (totals.get(name) ?? 0) + time);
  for (const [id, time] of bySample) {
    const frame = nodes.get(id)!.callFrame;
    add(byPackage, packageOf(frame), time);
    add(byFunction, functionOf(frame), time);
    if (!options.inclusive) continue;
    const counted = new Set<string>();
    for (let node: number | undefined = id; node !== undefined; node = parents.get(node)) {
      const name = functionOf(nodes.get(node)!.callFrame);
      if (!counted.has(name) && options.inclusive.test(name)) add(inclusive, name, time);
      counted.add(name);
    }
  }
  return {
    file,
    sampledMs: all / 1000,
    byPackage: ranked(byPackage, all, top),
    byFunction: ranked(byFunction, all, top),
    inclusive: ranked(inclusive, all, top),
  };
}

/**
 * `GET /v1/me` under load (50 connections on PGlite, 100 on PostgreSQL, as
 * measured by the other me-* benches) with the server under `node --cpu-prof`,
 * and where its time went over the measured seconds.
 */
export async function profileMe(
  database: 'pglite' | 'postgres',
  options: { seconds?: number; connections?: number; top?: number; inclusive?: RegExp; adminUrl?: string } = {},
): Promise<ProfileSummary> {
  const { seconds = 10, connections = database === 'pglite' ? 50 : 100 } = options;
  const scratch = await mkdtemp(path.join(os.tmpdir(), 'clientela-bench-profile-'));
  const profileDir = path.join(scratch, 'profile');
  const run = async (env: Record<string, string>) => {
    const server = await startMeServer(env, profileDir);
    try {
      await load(`GET /v1/me (${database})`, `${server.url}/v1/me`, await demoShoppers(server.url), seconds, connections);
    } finally {
      await server.stop();
    }
  };
  try {
    if (database === 'pglite') await run({ DATA_DIR: path.join(scratch, 'data') });
    else await withBenchDatabase(options.adminUrl ?? benchAdminUrl(), (url) => run({ DATABASE_URL: url }));
    return await summarizeCpuProfile(profileDir, { lastSeconds: seconds, ...(options.top ? { top: options.top } : {}), ...(options.inclusive ? { inclusive: options.inclusive } : {}) });
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
