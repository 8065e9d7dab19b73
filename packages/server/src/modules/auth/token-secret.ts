import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';

/**
 * The key that signs tokens: TOKEN_SECRET when set, otherwise one generated on
 * the first start and kept in the database, so every instance on the same
 * database signs and checks with the same key.
 */
export async function loadTokenSecret(db: Kysely<Database>, fromEnvironment?: string): Promise<Uint8Array> {
  if (fromEnvironment) return new TextEncoder().encode(fromEnvironment);
  await db
    .insertInto('serverSettings')
    .values({ name: 'token_secret', value: randomBytes(32).toString('base64url') })
    .onConflict((conflict) => conflict.column('name').doNothing())
    .execute();
  const row = await db.selectFrom('serverSettings').select('value').where('name', '=', 'token_secret').executeTakeFirstOrThrow();
  return Buffer.from(row.value, 'base64url');
}
