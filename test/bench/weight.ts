import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { build, type Rollup } from 'vite';
import { widgetEntries } from '../../vite.config.ts';

export interface Weight {
  name: string;
  bytes: number;
  gzip: number;
}

/**
 * One entry built as the widgets are built (same Vite, target and minifier),
 * with everything it needs: its chunks, the entry's own first.
 */
async function chunksOf(name: string, entry: string): Promise<Rollup.OutputChunk[]> {
  const result = (await build({
    configFile: false,
    logLevel: 'silent',
    build: {
      write: false,
      target: 'es2022',
      minify: true,
      lib: { entry, formats: ['es'], fileName: name },
    },
  })) as Rollup.RollupOutput[];
  const chunks = result.flatMap((output) => output.output).filter((file): file is Rollup.OutputChunk => file.type === 'chunk');
  return chunks.sort((a, b) => Number(b.isEntry) - Number(a.isEntry));
}

function weigh(name: string, chunks: Rollup.OutputChunk[]): Weight {
  const code = chunks.map((chunk) => chunk.code).join('\n');
  return { name, bytes: Buffer.byteLength(code), gzip: gzipSync(code, { level: 9 }).byteLength };
}

/**
 * Gzip sizes of the Lit floor, and of each entry with everything it can load:
 * what a page pays to use that element on its own, or every element through
 * the script-tag bundle. That bundle's own chunk, alone, is what a page loads
 * before it uses any tag.
 */
export async function measureWeights(): Promise<Weight[]> {
  const floor = weigh('lit-floor', await chunksOf('lit-floor', fileURLToPath(new URL('./lit-floor.ts', import.meta.url))));
  const weights = [floor];
  let loader: Weight | undefined;
  for (const [name, entry] of Object.entries(widgetEntries)) {
    const chunks = await chunksOf(name, entry);
    weights.push(weigh(name, chunks));
    if (name === 'clientela') loader = weigh('clientela (loader alone)', chunks.slice(0, 1));
  }
  return [...weights, loader!];
}
