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
 * One entry built alone, as the widgets are built (same Vite, target and
 * minifier) but into a single file with everything it needs: what a page
 * pays to use that element on its own.
 */
async function standalone(name: string, entry: string): Promise<Weight> {
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
  return weigh(name, chunks.map((chunk) => chunk.code).join('\n'));
}

function weigh(name: string, code: string): Weight {
  return { name, bytes: Buffer.byteLength(code), gzip: gzipSync(code, { level: 9 }).byteLength };
}

/** What a page loads before any Clientela tag is used: the script-tag bundle's own chunk, without the elements it loads on demand. */
async function loaderAlone(entry: string): Promise<Weight> {
  const result = (await build({
    configFile: false,
    logLevel: 'silent',
    build: { write: false, target: 'es2022', minify: true, lib: { entry, formats: ['es'], fileName: 'clientela' } },
  })) as Rollup.RollupOutput[];
  const loader = result.flatMap((output) => output.output).find((file): file is Rollup.OutputChunk => file.type === 'chunk' && file.isEntry)!;
  return weigh('clientela (loader alone)', loader.code);
}

/** Gzip sizes of the Lit floor, each widget alone, the whole kit, and the script-tag bundle before it loads anything. */
export async function measureWeights(): Promise<Weight[]> {
  const floor = await standalone('lit-floor', fileURLToPath(new URL('./lit-floor.ts', import.meta.url)));
  const widgets = [];
  for (const [name, entry] of Object.entries(widgetEntries)) widgets.push(await standalone(name, entry));
  return [floor, ...widgets, await loaderAlone(widgetEntries.clientela)];
}
