// A file the repository derives from its sources and checks in: written by
// its `npm run` script, or, with --check (part of `npm test`), compared with
// what the sources say now.
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * Writes `fresh` to `target`, or with --check on the command line fails
 * (exit code 1, with a diff) when the checked-in file differs from it; the
 * script goes on, so one run reports every file out of date.
 * `sources` and `command` complete the failure's sentence: "… is out of date
 * with the <sources>: run <command> and commit the result."
 */
export async function writeOrCheck(target, fresh, { sources, command }) {
  const shown = path.relative(process.cwd(), target);
  if (!process.argv.includes('--check')) {
    await writeFile(target, fresh);
    console.log(`Wrote ${shown}`);
    return;
  }
  const current = await readFile(target, 'utf8').catch(() => '');
  if (current === fresh) {
    console.log(`${shown} is current.`);
    return;
  }
  const dir = await mkdtemp(path.join(tmpdir(), 'clientela-generated-'));
  const regenerated = path.join(dir, path.basename(target));
  await writeFile(regenerated, fresh);
  const diff = spawnSync('diff', ['-u', '--label', `${shown} (checked in)`, '--label', `${shown} (from the ${sources})`, target, regenerated], { encoding: 'utf8' });
  await rm(dir, { recursive: true });
  const lines = (diff.stdout || '').split('\n');
  console.error(lines.slice(0, 60).join('\n') + (lines.length > 60 ? `\n… ${lines.length - 60} more lines` : ''));
  console.error(`${shown} is out of date with the ${sources}: run ${command} and commit the result.`);
  process.exitCode = 1;
}
