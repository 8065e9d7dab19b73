import { sql } from 'kysely';
import { migrateUpTo } from '../db/migrate.ts';
import { openDatabase, type DatabaseHandle } from '../db/open.ts';

/**
 * A database as an earlier version of the server left it, to test what a
 * migration does to data already there: migrated up to and with `migration`,
 * holding one store, `m`, and its customer `ana`.
 */
export async function databaseLeftBy(migration: string): Promise<DatabaseHandle> {
  const database = await openDatabase({ kind: 'pglite' });
  await migrateUpTo(database.db, migration);
  await sql`
    insert into merchants (id, name, currency, time_zone, locale, publishable_key, secret_key_hash)
      values ('m', 'Tienda', 'CLP', 'America/Santiago', 'es', 'pk_m', 'hash_m');
    insert into customers (merchant_id, id, first_name, last_name, registered_at, updated_at)
      values ('m', 'ana', 'Ana', 'Torres', now(), now());
  `.execute(database.db);
  return database;
}
