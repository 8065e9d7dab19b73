import type { Kysely, Transaction } from 'kysely';
import type { Merchant } from '../../core/merchant.ts';
import type { Database, Db } from '../../db/schema.ts';
import { hashSecretKey, newMerchantId, newPublishableKey, newSecretKey } from './keys.ts';
import { merchantDirectoryTtlMs } from './merchant-directory.ts';
import { advanceTokenKey, findMerchantById, insertMerchant, replaceMerchantOrigins } from './merchants.repository.ts';
import { clockSkewSeconds, maxTokenSeconds } from './tokens.ts';

export interface NewMerchant {
  name: string;
  origins: readonly string[];
  currency?: string;
  timeZone?: string;
  locale?: string;
  /** Fixed keys, for the demo merchant only; fresh random keys otherwise. */
  keys?: { id: string; publishableKey: string; secretKey: string };
}

export interface CreatedMerchant {
  merchant: Merchant;
  publishableKey: string;
  /** Shown once: only its hash is stored. */
  secretKey: string;
}

/** An origin as browsers send it: scheme, host and port, nothing else. */
export function normalizeOrigin(value: string): string {
  const url = new URL(value);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`Not a web origin: ${value}`);
  if (url.pathname !== '/' || url.search || url.hash || url.username) throw new Error(`An origin has no path, query or credentials: ${value}`);
  return url.origin;
}

export async function createMerchant(db: Kysely<Database>, input: NewMerchant): Promise<CreatedMerchant> {
  return db.transaction().execute((trx) => addMerchant(trx, input));
}

/** Creates the merchant inside a transaction the caller holds (the demo seed adds the whole store in one). */
export async function addMerchant(trx: Transaction<Database>, input: NewMerchant): Promise<CreatedMerchant> {
  const id = input.keys?.id ?? newMerchantId();
  const publishableKey = input.keys?.publishableKey ?? newPublishableKey();
  const secretKey = input.keys?.secretKey ?? newSecretKey();
  const row = {
    id,
    name: input.name,
    currency: input.currency ?? 'CLP',
    timeZone: input.timeZone ?? 'America/Santiago',
    locale: input.locale ?? 'es',
  };
  const origins = [...new Set(input.origins.map(normalizeOrigin))];
  await insertMerchant(trx, { ...row, publishableKey, secretKeyHash: hashSecretKey(secretKey) });
  await replaceMerchantOrigins(trx, id, origins);
  // A new store signs with the first version of its key.
  const merchant: Merchant = { ...row, origins, tokenKeys: { current: 1, previousUntil: null } };
  return { merchant, publishableKey, secretKey };
}

/** Adds origins to those a merchant allows, keeping the ones it has; false when there is no such merchant. */
export async function allowOrigins(db: Db, merchantId: string, origins: readonly string[]): Promise<boolean> {
  const merchant = await findMerchantById(db, merchantId);
  if (!merchant) return false;
  const allowed = [...new Set([...merchant.origins, ...origins.map(normalizeOrigin)])];
  if (allowed.length !== merchant.origins.length) await replaceMerchantOrigins(db, merchantId, allowed);
  return true;
}

/**
 * How long the key before a rotation still verifies: the longest session
 * token's life, from the last moment another instance may still sign with it
 * (until its merchant directory sees the rotation), with clock skew.
 */
const previousKeyGraceMs = (maxTokenSeconds.agent + clockSkewSeconds) * 1000 + merchantDirectoryTtlMs;

/**
 * Signs the store's tokens with the next version of its key from now on.
 * Tokens under the previous key go on working until they expire, or stop at
 * once with `endPrevious` (for a key that leaked: every session ends).
 */
export async function rotateTokenKey(db: Kysely<Database>, merchantId: string, now: Date, options: { endPrevious?: boolean } = {}) {
  const previousUntil = options.endPrevious ? now : new Date(now.getTime() + previousKeyGraceMs);
  const keys = await advanceTokenKey(db, merchantId, previousUntil);
  if (!keys) throw new Error(`No merchant ${merchantId}`);
  return { merchantId, keyVersion: keys.current, previousKeyValidUntil: keys.previousUntil?.toISOString() ?? null };
}
