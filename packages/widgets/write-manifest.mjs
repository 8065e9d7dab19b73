// Writes custom-elements.json from the components (`npm run manifest`), or,
// with --check, fails when the checked-in file differs from what the
// components say now (`npm run manifest:check`, part of `npm test`).
import { cli } from '@custom-elements-manifest/analyzer/cli.js';
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const packageDir = fileURLToPath(new URL('.', import.meta.url));
const target = path.join(packageDir, 'custom-elements.json');
const shown = path.relative(process.cwd(), target);

const manifest = await cli({ argv: ['analyze', '--quiet'], cwd: packageDir, noWrite: true });
const fresh = `${JSON.stringify(manifest, null, 2)}\n`;

if (!process.argv.includes('--check')) {
  await writeFile(target, fresh);
  console.log(`Wrote ${shown}`);
} else {
  const current = await readFile(target, 'utf8').catch(() => '');
  if (current !== fresh) {
    const dir = await mkdtemp(path.join(tmpdir(), 'clientela-manifest-'));
    const regenerated = path.join(dir, 'custom-elements.json');
    await writeFile(regenerated, fresh);
    const diff = spawnSync('diff', ['-u', '--label', `${shown} (checked in)`, '--label', `${shown} (from the components)`, target, regenerated], { encoding: 'utf8' });
    await rm(dir, { recursive: true });
    const lines = (diff.stdout || '').split('\n');
    console.error(lines.slice(0, 60).join('\n') + (lines.length > 60 ? `\n… ${lines.length - 60} more lines` : ''));
    console.error(`${shown} is out of date with the components' doc comments: run npm run manifest and commit the result.`);
    process.exit(1);
  }
  console.log(`${shown} is current.`);
}
