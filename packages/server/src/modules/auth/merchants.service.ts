import { maxStoreOrigins, type RolledKeys, type StoreKeys, type StoreOrigins } from '@clientela/contract';
import type { Kysely, Transaction } from 'kysely';
import type { Merchant } from '../../core/merchant.ts';
import { notFound, ProblemError } from '../../core/problem.ts';
import type { Database, Db } from '../../db/schema.ts';
import type { MerchantRow } from './auth.tables.ts';
import { hashSecretKey, newMerchantId, newPublishableKey, newSecretKey } from './keys.ts';
import { merchantDirectoryTtlMs } from './merchant-directory.ts';
import {
  advanceTokenKey,
  deleteMerchantOrigin,
  findMerchantById,
  insertMerchant,
  insertMerchantOrigin,
  lockMerchant,
  originsOf,
  replaceMerchantOrigins,
  replacePublishableKey,
  replaceSecretKeyHash,
} from './merchants.repository.ts';
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
  const merchant: Merchant = { ...row, publishableKey, origins, tokenKeys: { current: 1, previousUntil: null } };
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

// Origins ----------------------------------------------------------------------------

/** An origin as a request gave it, normalised, or a 400 naming the field it came in. */
function originFrom(value: string, where: 'body' | 'query'): string {
  try {
    return normalizeOrigin(value.trim());
  } catch (error) {
    const message = `${(error as Error).message.replace(/^Invalid URL.*/, `Not a URL: ${value}`)}. Give scheme, host and port only, such as https://shop.example`;
    throw new ProblemError('invalid-request', `Check ${where}.origin`, { errors: [{ in: where, field: 'origin', message }] });
  }
}

export async function listOrigins(db: Db, merchantId: string): Promise<StoreOrigins> {
  return { origins: await originsOf(db, merchantId) };
}

/** Allows an origin, normalised; `added` is false when the store allowed it already. At most `maxStoreOrigins`. */
export async function addOrigin(db: Kysely<Database>, merchantId: string, value: string): Promise<StoreOrigins & { added: boolean }> {
  const origin = originFrom(value, 'body');
  return db.transaction().execute(async (trx) => {
    if (!(await lockMerchant(trx, merchantId))) throw notFound(`Merchant ${merchantId}`);
    const before = await originsOf(trx, merchantId);
    if (before.includes(origin)) return { origins: before, added: false };
    if (before.length >= maxStoreOrigins) throw new ProblemError('conflict', `A store allows at most ${maxStoreOrigins} origins: remove one first`);
    await insertMerchantOrigin(trx, merchantId, origin);
    return { origins: await originsOf(trx, merchantId), added: true };
  });
}

/**
 * Stops an origin's pages from calling for the store. `callingFrom` is the
 * origin of the page making the call, if a page makes it: removing that one
 * would lock the page out mid-session, so it is refused.
 */
export async function removeOrigin(db: Db, merchantId: string, value: string, callingFrom?: string): Promise<void> {
  const origin = originFrom(value, 'query');
  if (origin === callingFrom) {
    throw new ProblemError('conflict', `This page runs on ${origin}: removing it would lock the page out. Remove it from a page on another origin, or from the command line`);
  }
  await deleteMerchantOrigin(db, merchantId, origin);
}

// Keys --------------------------------------------------------------------------------

const stillValid = (until: Date | null, now: Date) => (until !== null && now < until ? until.toISOString() : null);

function keysOf(row: MerchantRow, now: Date): StoreKeys {
  return {
    publishableKey: row.publishableKey,
    previousPublishableKeyValidUntil: row.previousPublishableKey === null ? null : stillValid(row.previousPublishableKeyUntil, now),
    previousSecretKeyValidUntil: row.previousSecretKeyHash === null ? null : stillValid(row.previousSecretKeyUntil, now),
  };
}

export async function storeKeys(db: Db, merchantId: string, now: Date): Promise<StoreKeys> {
  const row = await db.selectFrom('merchants').selectAll().where('id', '=', merchantId).executeTakeFirst();
  if (!row) throw notFound(`Merchant ${merchantId}`);
  return keysOf(row, now);
}

/**
 * Replaces the publishable or the secret key. The key rolled away works for
 * `graceSeconds` more (none: it stops now); a key rolled away before, still
 * in its grace, stops now. Only the new secret key's digest is kept: the key
 * itself is in the answer, and nowhere else.
 */
export async function rollKey(db: Kysely<Database>, merchantId: string, key: 'publishable' | 'secret', graceSeconds: number, now: Date): Promise<RolledKeys> {
  const previousUntil = graceSeconds > 0 ? new Date(now.getTime() + graceSeconds * 1000) : null;
  return db.transaction().execute(async (trx) => {
    if (!(await lockMerchant(trx, merchantId))) throw notFound(`Merchant ${merchantId}`);
    if (key === 'publishable') {
      const row = await replacePublishableKey(trx, merchantId, newPublishableKey(), previousUntil);
      return { ...keysOf(row, now), secretKey: null };
    }
    const secretKey = newSecretKey();
    const row = await replaceSecretKeyHash(trx, merchantId, hashSecretKey(secretKey), previousUntil);
    return { ...keysOf(row, now), secretKey };
  });
}
