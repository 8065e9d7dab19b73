import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build, type Rollup } from 'vite';
import { pageCode, widgetEntries } from '../../vite.config.ts';

export interface Weight {
  name: string;
  bytes: number;
  gzip: number;
}

/**
 * One entry built as the widgets are built (same Vite, target, minifier and
 * template shortening), with everything it needs except what `external` leaves
 * out (a bare specifier, or the file a relative import resolves to); the
 * entry's own chunk first.
 */
async function chunksOf(name: string, entry: string, external?: (id: string) => boolean): Promise<Rollup.OutputChunk[]> {
  const result = (await build({
    configFile: false,
    logLevel: 'silent',
    plugins: [...pageCode.plugins],
    build: {
      ...pageCode.build,
      write: false,
      lib: { entry, formats: ['es'], fileName: name },
      rollupOptions: {
        output: { ...pageCode.output },
        ...(external
          ? { external: (id: string, importer: string | undefined) => external(id.startsWith('.') && importer ? path.resolve(path.dirname(importer), id) : id) }
          : {}),
      },
    },
  })) as Rollup.RollupOutput[];
  const chunks = result.flatMap((output) => output.output).filter((file): file is Rollup.OutputChunk => file.type === 'chunk');
  return chunks.sort((a, b) => Number(b.isEntry) - Number(a.isEntry));
}

const translations = fileURLToPath(new URL('../../packages/widgets/src/translations/', import.meta.url));

/**
 * The chunks a page in `locale` loads: each language's strings are a chunk of
 * their own that only a page in that language fetches (the other comes only
 * if the shopper switches).
 */
function inLanguage(chunks: Rollup.OutputChunk[], locale: 'es' | 'en'): Rollup.OutputChunk[] {
  return chunks.filter((chunk) => {
    const module = chunk.facadeModuleId ?? '';
    return !module.startsWith(translations) || module === `${translations}${locale}.ts`;
  });
}

function weigh(name: string, chunks: Rollup.OutputChunk[]): Weight {
  const code = chunks.map((chunk) => chunk.code).join('\n');
  return { name, bytes: Buffer.byteLength(code), gzip: gzipSync(code, { level: 9 }).byteLength };
}

/**
 * What carries the support chat's messages: its session with the API, the
 * channel and outbox it shares with the agent console, and the client.
 */
const chatTransport = [
  'packages/widgets/src/state/chat/chat-session.ts',
  'packages/widgets/src/state/chat/chat-store.ts',
  'packages/widgets/src/internal/chat-channel.ts',
  'packages/widgets/src/internal/outbox.ts',
  'packages/widgets/src/internal/message-log.ts',
  'packages/widgets/src/internal/idempotency-key.ts',
].map((file) => fileURLToPath(new URL(`../../${file}`, import.meta.url)));
const client = fileURLToPath(new URL('../../packages/client/src/', import.meta.url));

export interface Weights {
  /** F: the smallest useful Lit element, built the same way. */
  floor: Weight;
  /** Each element with everything it loads: what a page in Spanish pays to use it alone. */
  alone: Weight[];
  /** Each element's own code: the files of its folder. Lit, the client and the kit's library (internal/, events/, translations/) are shared. */
  own: Weight[];
  /** The support chat's own code with its transport: session, channel, outbox and the client. */
  chatWithTransport: Weight;
  /** Every element, through the script-tag bundle, as a page in Spanish and one in English load it. */
  kits: Weight[];
  /** The script-tag bundle's own chunk: what a page loads before any element is needed. */
  loader: Weight;
}

/** Gzip sizes (level 9) of minified ES modules, each measured from its own build. */
export async function measureWeights(): Promise<Weights> {
  const floor = weigh('Lit floor (F)', await chunksOf('lit-floor', fileURLToPath(new URL('./lit-floor.ts', import.meta.url))));
  const elements = Object.entries(widgetEntries).filter(([name]) => name !== 'clientela');
  const alone: Weight[] = [];
  const own: Weight[] = [];
  for (const [name, entry] of elements) {
    alone.push(weigh(name, inLanguage(await chunksOf(name, entry), 'es')));
    const folder = path.dirname(entry) + path.sep;
    own.push(weigh(name, await chunksOf(name, entry, (id) => !id.startsWith(folder))));
  }
  const chatEntry = widgetEntries['crm-support-chat']!;
  const chatFolder = path.dirname(chatEntry) + path.sep;
  const chatWithTransport = weigh(
    'crm-support-chat with its transport',
    await chunksOf('crm-support-chat', chatEntry, (id) => !(id.startsWith(chatFolder) || chatTransport.includes(id) || id === '@clientela/client' || id.startsWith(client))),
  );
  const kitChunks = await chunksOf('clientela', widgetEntries.clientela!);
  return {
    floor,
    alone,
    own,
    chatWithTransport,
    kits: (['es', 'en'] as const).map((locale) => weigh(`whole kit (clientela.js and all it loads), a page in ${locale === 'es' ? 'Spanish' : 'English'}`, inLanguage(kitChunks, locale))),
    loader: weigh('clientela.js alone (the launcher)', kitChunks.slice(0, 1)),
  };
}
