import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { hashSecretKey, newMerchantId, newPublishableKey, newSecretKey } from './keys.ts';
import { insertMerchant, replaceMerchantOrigins, type Merchant } from './merchants.repository.ts';

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
  const merchant: Merchant = {
    id,
    name: input.name,
    currency: input.currency ?? 'CLP',
    timeZone: input.timeZone ?? 'America/Santiago',
    locale: input.locale ?? 'es',
    origins: [...new Set(input.origins.map(normalizeOrigin))],
  };
  const { origins, ...row } = merchant;
  await insertMerchant(trx, { ...row, publishableKey, secretKeyHash: hashSecretKey(secretKey) });
  await replaceMerchantOrigins(trx, id, origins);
  return { merchant, publishableKey, secretKey };
}
