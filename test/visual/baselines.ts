import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import pixelmatch from 'pixelmatch';
import { PNG } from 'pngjs';
import { repositoryRoot } from '../support/child-process.ts';

/** `npm run visual:update` sets this: screenshots that differ become the new baselines, for review in the diff. */
const updating = process.env.UPDATE_VISUAL_BASELINES === '1';
const baselineDir = path.join(repositoryRoot, 'test/visual/baselines');
/** Where a failing comparison leaves what it saw and the difference, for a person to look at (not committed). */
const outputDir = path.join(repositoryRoot, 'test/visual/output');

/** How far a pixel's colour may move before it counts as changed (pixelmatch's YIQ distance, 0 to 1). */
const colourThreshold = 0.1;
/** How many changed pixels a screenshot may have, as a share of all of them: a glyph's antialiasing, not a moved box. */
const changedShare = 0.001;

function compare(expected: PNG, actual: PNG): { changed: number; diff: PNG } | 'size' {
  if (expected.width !== actual.width || expected.height !== actual.height) return 'size';
  const diff = new PNG({ width: actual.width, height: actual.height });
  const changed = pixelmatch(expected.data, actual.data, diff.data, actual.width, actual.height, { threshold: colourThreshold });
  return { changed, diff };
}

/**
 * The committed pictures of one visual suite (`test/visual/baselines/<suite>/`).
 * `check` compares a screenshot with its picture and says what differs;
 * when updating, it writes the pictures that changed instead, and `finish`
 * removes those no test takes any more.
 */
export class Baselines {
  readonly #dir: string;
  readonly #seen = new Set<string>();

  constructor(suite: string) {
    this.#dir = path.join(baselineDir, suite);
  }

  /** A problem to report, or null when the screenshot matches (or has just become) its baseline. */
  async check(name: string, screenshot: Buffer): Promise<string | null> {
    this.#seen.add(`${name}.png`);
    const file = path.join(this.#dir, `${name}.png`);
    const actual = PNG.sync.read(screenshot);
    const stored = await readFile(file).catch(() => null);
    const outcome = stored ? compare(PNG.sync.read(stored), actual) : 'missing';
    const matches = typeof outcome === 'object' && outcome.changed <= changedShare * actual.width * actual.height;
    if (matches) return null;
    if (updating) {
      await mkdir(this.#dir, { recursive: true });
      await writeFile(file, screenshot);
      return null;
    }
    await mkdir(outputDir, { recursive: true });
    await writeFile(path.join(outputDir, `${name}.actual.png`), screenshot);
    if (outcome === 'missing') return `${name}: no baseline yet (npm run visual:update writes it)`;
    if (outcome === 'size') {
      const expected = PNG.sync.read(stored!);
      return `${name}: ${actual.width}×${actual.height} px, the baseline is ${expected.width}×${expected.height} (see test/visual/output/)`;
    }
    await writeFile(path.join(outputDir, `${name}.diff.png`), PNG.sync.write(outcome.diff));
    return `${name}: ${outcome.changed} pixels differ from the baseline (see test/visual/output/${name}.diff.png)`;
  }

  /** When updating, removes the baselines of screenshots no longer taken. */
  async finish(): Promise<void> {
    if (!updating) return;
    const files = await readdir(this.#dir).catch(() => [] as string[]);
    await Promise.all(files.filter((file) => file.endsWith('.png') && !this.#seen.has(file)).map((file) => rm(path.join(this.#dir, file))));
  }
}
