import { sql } from 'kysely';
import type { Merchant, TokenKeyVersions } from '../../core/merchant.ts';
import type { Db } from '../../db/schema.ts';
import type { MerchantRow } from './auth.tables.ts';

async function withOrigins(db: Db, row: MerchantRow | undefined): Promise<Merchant | undefined> {
  if (!row) return undefined;
  const origins = await originsOf(db, row.id);
  return {
    id: row.id,
    name: row.name,
    currency: row.currency,
    timeZone: row.timeZone,
    locale: row.locale,
    publishableKey: row.publishableKey,
    origins,
    tokenKeys: { current: row.tokenKeyVersion, previousUntil: row.previousTokenKeyUntil },
  };
}

export async function findMerchantById(db: Db, id: string) {
  return withOrigins(db, await db.selectFrom('merchants').selectAll().where('id', '=', id).executeTakeFirst());
}

/** A merchant a key names, and until when the key works: null for its current key, the grace's end for the key before a roll. */
export interface KeyHolder {
  merchant: Merchant;
  validUntil: Date | null;
}

export async function findMerchantByPublishableKey(db: Db, publishableKey: string): Promise<KeyHolder | undefined> {
  const row = await db
    .selectFrom('merchants')
    .selectAll()
    .where((eb) => eb.or([eb('publishableKey', '=', publishableKey), eb('previousPublishableKey', '=', publishableKey)]))
    .orderBy(sql`publishable_key = ${publishableKey}`, 'desc')
    .limit(1)
    .executeTakeFirst();
  const merchant = await withOrigins(db, row);
  return merchant && { merchant, validUntil: row!.publishableKey === publishableKey ? null : (row!.previousPublishableKeyUntil ?? new Date(0)) };
}

export async function findMerchantBySecretKeyHash(db: Db, secretKeyHash: string): Promise<KeyHolder | undefined> {
  const row = await db
    .selectFrom('merchants')
    .selectAll()
    .where((eb) => eb.or([eb('secretKeyHash', '=', secretKeyHash), eb('previousSecretKeyHash', '=', secretKeyHash)]))
    .orderBy(sql`secret_key_hash = ${secretKeyHash}`, 'desc')
    .limit(1)
    .executeTakeFirst();
  const merchant = await withOrigins(db, row);
  return merchant && { merchant, validUntil: row!.secretKeyHash === secretKeyHash ? null : (row!.previousSecretKeyUntil ?? new Date(0)) };
}

/** The store's allowed origins, sorted. */
export async function originsOf(db: Db, merchantId: string): Promise<string[]> {
  const rows = await db.selectFrom('merchantOrigins').select('origin').where('merchantId', '=', merchantId).orderBy('origin').execute();
  return rows.map((row) => row.origin);
}

/** Allows an origin; false when the store allowed it already. */
export async function insertMerchantOrigin(db: Db, merchantId: string, origin: string): Promise<boolean> {
  const inserted = await db
    .insertInto('merchantOrigins')
    .values({ merchantId, origin })
    .onConflict((conflict) => conflict.columns(['merchantId', 'origin']).doNothing())
    .returning('origin')
    .executeTakeFirst();
  return inserted !== undefined;
}

export async function deleteMerchantOrigin(db: Db, merchantId: string, origin: string): Promise<void> {
  await db.deleteFrom('merchantOrigins').where('merchantId', '=', merchantId).where('origin', '=', origin).execute();
}

/** The merchant's row, locked until the transaction ends: what changes to its keys and origins serialise on. */
export async function lockMerchant(db: Db, merchantId: string) {
  return db.selectFrom('merchants').selectAll().where('id', '=', merchantId).forUpdate().executeTakeFirst();
}

/** Replaces the publishable key; the one before works until `previousUntil` (not at all when null). */
export async function replacePublishableKey(db: Db, merchantId: string, publishableKey: string, previousUntil: Date | null) {
  return db
    .updateTable('merchants')
    .set((eb) => ({
      previousPublishableKey: previousUntil === null ? null : eb.ref('publishableKey'),
      previousPublishableKeyUntil: previousUntil,
      publishableKey,
    }))
    .where('id', '=', merchantId)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Replaces the secret key's digest; the key before works until `previousUntil` (not at all when null). */
export async function replaceSecretKeyHash(db: Db, merchantId: string, secretKeyHash: string, previousUntil: Date | null) {
  return db
    .updateTable('merchants')
    .set((eb) => ({
      previousSecretKeyHash: previousUntil === null ? null : eb.ref('secretKeyHash'),
      previousSecretKeyUntil: previousUntil,
      secretKeyHash,
    }))
    .where('id', '=', merchantId)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function insertMerchant(db: Db, merchant: Omit<Merchant, 'origins' | 'tokenKeys'> & { secretKeyHash: string }): Promise<void> {
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
