import { sql } from 'kysely';
import type { Merchant, TokenKeyVersions } from '../../core/merchant.ts';
import type { Db } from '../../db/schema.ts';
import type { MerchantRow } from './auth.tables.ts';

async function withOrigins(db: Db, row: MerchantRow | undefined): Promise<Merchant | undefined> {
  if (!row) return undefined;
  const origins = await db.selectFrom('merchantOrigins').select('origin').where('merchantId', '=', row.id).execute();
  return {
    id: row.id,
    name: row.name,
    currency: row.currency,
    timeZone: row.timeZone,
    locale: row.locale,
    origins: origins.map((o) => o.origin),
    tokenKeys: { current: row.tokenKeyVersion, previousUntil: row.previousTokenKeyUntil },
  };
}

export async function findMerchantById(db: Db, id: string) {
  return withOrigins(db, await db.selectFrom('merchants').selectAll().where('id', '=', id).executeTakeFirst());
}

export async function findMerchantByPublishableKey(db: Db, publishableKey: string) {
  return withOrigins(
    db,
    await db.selectFrom('merchants').selectAll().where('publishableKey', '=', publishableKey).executeTakeFirst(),
  );
}

export async function findMerchantBySecretKeyHash(db: Db, secretKeyHash: string) {
  return withOrigins(
    db,
    await db.selectFrom('merchants').selectAll().where('secretKeyHash', '=', secretKeyHash).executeTakeFirst(),
  );
}

export async function isOriginRegistered(db: Db, origin: string): Promise<boolean> {
  const row = await db.selectFrom('merchantOrigins').select('merchantId').where('origin', '=', origin).limit(1).executeTakeFirst();
  return row !== undefined;
}

export async function insertMerchant(
  db: Db,
  merchant: Omit<Merchant, 'origins' | 'tokenKeys'> & { publishableKey: string; secretKeyHash: string },
): Promise<void> {
  await db.insertInto('merchants').values(merchant).execute();
}

export async function replaceMerchantOrigins(db: Db, merchantId: string, origins: readonly string[]): Promise<void> {
  await db.deleteFrom('merchantOrigins').where('merchantId', '=', merchantId).execute();
  if (origins.length > 0) {
    await db
      .insertInto('merchantOrigins')
      .values(origins.map((origin) => ({ merchantId, origin })))
      .execute();
  }
}

/** Moves the store to the next version of its token key; the one before verifies until `previousUntil`. */
export async function advanceTokenKey(db: Db, merchantId: string, previousUntil: Date): Promise<TokenKeyVersions | undefined> {
  const row = await db
    .updateTable('merchants')
    .set({ tokenKeyVersion: sql<number>`token_key_version + 1`, previousTokenKeyUntil: previousUntil })
    .where('id', '=', merchantId)
    .returning(['tokenKeyVersion', 'previousTokenKeyUntil'])
    .executeTakeFirst();
  return row && { current: row.tokenKeyVersion, previousUntil: row.previousTokenKeyUntil };
}
