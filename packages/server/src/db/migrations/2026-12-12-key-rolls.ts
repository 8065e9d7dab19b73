import { sql, type Kysely } from 'kysely';

/**
 * Keys a store can roll. Rolling a key keeps the one before, with the end of
 * its grace, so pages and the backend can move to the new key without a gap;
 * only the secret key's digest is kept, as for the current one.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table merchants
      add column previous_publishable_key text,
      add column previous_publishable_key_until timestamptz,
      add column previous_secret_key_hash text,
      add column previous_secret_key_until timestamptz;
    create index merchants_previous_publishable_key on merchants (previous_publishable_key) where previous_publishable_key is not null;
    create index merchants_previous_secret_key on merchants (previous_secret_key_hash) where previous_secret_key_hash is not null;
  `.execute(db);
}
