import { PGlite } from '@electric-sql/pglite';
import { CamelCasePlugin, Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { silentLogger, type Logger } from '../core/logger.ts';
import { PGliteDialect } from './pglite-dialect.ts';
import { preparedNameOf } from './prepared-statements.ts';
import type { Database } from './schema.ts';

export type DatabaseKind = 'pglite' | 'postgres';

/** Wake-up calls between server instances: ids travel, never payloads of record. */
export interface Notifications {
  notify(channel: string, payload: string): Promise<void>;
  /** Calls `onPayload` for each notification on `channel`; resolves to a function that stops listening. */
  listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>;
}

export interface DatabaseHandle {
  kind: DatabaseKind;
  db: Kysely<Database>;
  notifications: Notifications;
  /** The whole PGlite data folder as a tarball (PGlite only), to clone a database in tests. */
  dumpDataDir?: () => Promise<Blob>;
  /** The PGlite instance itself (PGlite only), for a bench that runs the API's queries on it directly. */
  pglite?: PGlite;
  close(): Promise<void>;
}

export type DatabaseConfig =
  /** `logger` hears of connections PostgreSQL dropped (the pool and the listener carry on); nothing does without one. */
  | { kind: 'postgres'; url: string; poolSize?: number; logger?: Logger }
  | { kind: 'pglite'; dataDir?: string; loadDataDir?: Blob };

const plugins = [new CamelCasePlugin()];

// bigint sums and money fit in a double here (minor units stay far below 2^53);
// `date` stays `YYYY-MM-DD` instead of becoming a midnight in some time zone.
const INT8 = 20;
const NUMERIC = 1700;
const DATE = 1082;

export async function openDatabase(config: DatabaseConfig): Promise<DatabaseHandle> {
  return config.kind === 'postgres' ? openPostgres(config) : openPGlite(config);
}

async function openPGlite(config: { dataDir?: string; loadDataDir?: Blob }): Promise<DatabaseHandle> {
  const pglite = await PGlite.create({
    ...(config.dataDir ? { dataDir: config.dataDir } : {}),
    ...(config.loadDataDir ? { loadDataDir: config.loadDataDir } : {}),
    parsers: {
      [INT8]: (value: string) => Number(value),
      [NUMERIC]: (value: string) => Number(value),
      [DATE]: (value: string) => value,
    },
  });
  const db = new Kysely<Database>({ dialect: new PGliteDialect(pglite), plugins });
  return {
    kind: 'pglite',
    db,
    notifications: {
      // Through Kysely, so it waits for PGlite's one session instead of slipping into someone's open transaction.
      notify: async (channel, payload) => {
        await sql`select pg_notify(${channel}, ${payload})`.execute(db);
      },
      listen: async (channel, onPayload) => {
        const stop = await pglite.listen(channel, onPayload);
        return () => stop();
      },
    },
    dumpDataDir: () => pglite.dumpDataDir('none'),
    pglite,
    close: async () => {
      await db.destroy();
      await pglite.close();
    },
  };
}

/** A connection of the pool that sends a prepared statement (see prepared-statements.ts) by its name. */
class PreparingClient extends pg.Client {
  override query(...args: unknown[]): never {
    const [text, values] = args;
    const name = args.length === 2 && typeof text === 'string' && Array.isArray(values) ? preparedNameOf(text) : undefined;
    const query = super.query as (...args: unknown[]) => never;
    return name ? query.call(this, { name, text, values }) : query.apply(this, args);
  }
}

async function openPostgres({ url, poolSize = 10, logger = silentLogger }: { url: string; poolSize?: number; logger?: Logger }): Promise<DatabaseHandle> {
  const typeParsers = {
    getTypeParser(oid: number, format?: 'text' | 'binary') {
      if (oid === INT8 || oid === NUMERIC) return (value: string) => Number(value);
      if (oid === DATE) return (value: string) => value;
      return pg.types.getTypeParser(oid, format);
    },
  };
  const pool = new pg.Pool({ connectionString: url, max: poolSize, types: typeParsers as pg.CustomTypesConfig, Client: PreparingClient });
  // The server may drop an idle connection (a restart, a failover, an administrator): the pool
  // replaces it on next use, and the process carries on instead of dying of an unhandled error.
  pool.on('error', (error) => logger.warn({ err: error }, 'PostgreSQL dropped an idle connection'));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), plugins });
  // One dedicated connection carries every LISTEN of this process, opened on first use.
  let listener: Promise<pg.Client> | undefined;
  let closed = false;
  const handlers = new Map<string, Set<(payload: string) => void>>();
  const listenerClient = () => {
    listener ??= (async () => {
      const client = new pg.Client({ connectionString: url });
      client.on('notification', (message) => {
        for (const handler of handlers.get(message.channel) ?? []) handler(message.payload ?? '');
      });
      // Lost, it is opened again with every channel: notifications are only wake-ups, and
      // listeners poll meanwhile, so a gap delays events without losing any.
      client.on('error', (error) => {
        logger.warn({ err: error }, 'PostgreSQL dropped the LISTEN connection');
        listener = undefined;
        if (!closed && handlers.size > 0) setTimeout(() => void relisten(), 1_000).unref();
      });
      await client.connect();
      return client;
    })();
    return listener;
  };
  const relisten = async () => {
    if (closed) return;
    try {
      const client = await listenerClient();
      for (const channel of handlers.keys()) await client.query(`listen ${pg.escapeIdentifier(channel)}`);
    } catch (error) {
      listener = undefined;
      logger.warn({ err: error }, 'PostgreSQL LISTEN could not be opened again');
      setTimeout(() => void relisten(), 5_000).unref();
    }
  };
  return {
    kind: 'postgres',
    db,
    notifications: {
      notify: async (channel, payload) => {
        await pool.query('select pg_notify($1, $2)', [channel, payload]);
      },
      listen: async (channel, onPayload) => {
        const client = await listenerClient();
        let channelHandlers = handlers.get(channel);
        if (!channelHandlers) {
          channelHandlers = new Set();
          handlers.set(channel, channelHandlers);
          await client.query(`listen ${pg.escapeIdentifier(channel)}`);
        }
        channelHandlers.add(onPayload);
        return async () => {
          channelHandlers.delete(onPayload);
          if (channelHandlers.size === 0) {
            handlers.delete(channel);
            await client.query(`unlisten ${pg.escapeIdentifier(channel)}`);
          }
        };
      },
    },
    close: async () => {
      closed = true;
      const client = await listener?.catch(() => undefined);
      await client?.end();
      await db.destroy();
    },
  };
}
