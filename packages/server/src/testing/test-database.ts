import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { migrateToLatest } from '../db/migrate.ts';
import { openDatabase, type DatabaseHandle } from '../db/open.ts';

const migrationsDir = fileURLToPath(new URL('../db/migrations/', import.meta.url));

/** Changes whenever a migration changes, so a stale template is never reused. */
async function migrationsFingerprint(): Promise<string> {
  const hash = createHash('sha256');
  for (const file of (await readdir(migrationsDir)).sort()) {
    hash.update(file).update(await readFile(path.join(migrationsDir, file)));
  }
  return hash.digest('hex').slice(0, 12);
}

/**
 * A migrated PGlite data folder, made once (initdb takes seconds) and loaded
 * by every test from its dump. Concurrent test files may both make it; each
 * writes a file of its own and renames it into place, so readers never see half.
 */
async function pgliteTemplate(): Promise<Blob> {
  const dir = path.join(os.tmpdir(), 'clientela-test');
  const file = path.join(dir, `pglite-${await migrationsFingerprint()}.tar`);
  try {
    return new Blob([await readFile(file)]);
  } catch {
    const database = await openDatabase({ kind: 'pglite' });
    await migrateToLatest(database.db);
    const dump = await database.dumpDataDir!();
    await database.close();
    await mkdir(dir, { recursive: true });
    const partial = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
    await writeFile(partial, Buffer.from(await dump.arrayBuffer()));
    await rename(partial, file);
    return dump;
  }
}

async function withAdmin<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

const databaseUrl = (url: string, name: string) => {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
};

/** A migrated template database on the PostgreSQL server, made once per migration set. */
async function postgresTemplate(adminUrl: string): Promise<string> {
  const name = `clientela_template_${await migrationsFingerprint()}`;
  const exists = await withAdmin(adminUrl, async (client) => {
    const result = await client.query('select 1 from pg_database where datname = $1', [name]);
    return result.rowCount === 1;
  });
  if (exists) return name;
  const building = `clientela_building_${randomBytes(6).toString('hex')}`;
  await withAdmin(adminUrl, (client) => client.query(`create database ${building}`));
  const database = await openDatabase({ kind: 'postgres', url: databaseUrl(adminUrl, building) });
  await migrateToLatest(database.db);
  await database.close();
  await withAdmin(adminUrl, async (client) => {
    try {
      await client.query(`alter database ${building} rename to ${name}`);
    } catch {
      // Another test file built it first.
      await client.query(`drop database if exists ${building}`);
    }
  });
  return name;
}

/**
 * A fresh, migrated database for one test file: a clone of the PGlite template,
 * or, with TEST_DATABASE_URL, a new database on that PostgreSQL server copied
 * from a template database and dropped again on close.
 */
export async function openTestDatabase(): Promise<DatabaseHandle & { url?: string }> {
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) return openDatabase({ kind: 'pglite', loadDataDir: await pgliteTemplate() });
  const template = await postgresTemplate(adminUrl);
  const name = `clientela_test_${randomBytes(6).toString('hex')}`;
  await withAdmin(adminUrl, (client) => client.query(`create database ${name} template ${template}`));
  const url = databaseUrl(adminUrl, name);
  const database = await openDatabase({ kind: 'postgres', url });
  return {
    ...database,
    url,
    close: async () => {
      await database.close();
      await withAdmin(adminUrl, (client) => client.query(`drop database if exists ${name} with (force)`));
    },
  };
}
