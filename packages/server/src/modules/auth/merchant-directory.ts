import type { Kysely } from 'kysely';
import type { Clock } from '../../core/clock.ts';
import type { Merchant } from '../../core/merchant.ts';
import type { Database } from '../../db/schema.ts';
import { hashSecretKey } from './keys.ts';
import {
  findMerchantById,
  findMerchantByPublishableKey,
  findMerchantBySecretKeyHash,
  isOriginRegistered,
} from './merchants.repository.ts';

/** How long an answer is remembered: the longest another instance's change to a merchant takes to show here. */
export const merchantDirectoryTtlMs = 30_000;
const maxEntries = 10_000;

/**
 * Looks merchants up by key, id or origin for every request, remembering
 * answers for a short while: keys and origins change rarely, and another
 * instance's change shows here within the time to live.
 */
export class MerchantDirectory {
  readonly #db: Kysely<Database>;
  readonly #clock: Clock;
  readonly #entries = new Map<string, { at: number; value: Promise<unknown> }>();

  constructor(db: Kysely<Database>, clock: Clock) {
    this.#db = db;
    this.#clock = clock;
  }

  byId(id: string): Promise<Merchant | undefined> {
    return this.#remember(`id:${id}`, () => findMerchantById(this.#db, id));
  }

  byPublishableKey(key: string): Promise<Merchant | undefined> {
    return this.#remember(`pk:${key}`, () => findMerchantByPublishableKey(this.#db, key));
  }

  bySecretKey(key: string): Promise<Merchant | undefined> {
    const hash = hashSecretKey(key);
    return this.#remember(`sk:${hash}`, () => findMerchantBySecretKeyHash(this.#db, hash));
  }

  /** Whether any merchant lists this origin: enough to answer a CORS preflight, which carries no key. */
  isOriginRegistered(origin: string): Promise<boolean> {
    return this.#remember(`origin:${origin}`, () => isOriginRegistered(this.#db, origin));
  }

  /** Drops every remembered answer, after this instance changed merchants. */
  forget(): void {
    this.#entries.clear();
  }

  #remember<T>(key: string, load: () => Promise<T>): Promise<T> {
    const now = this.#clock().getTime();
    const entry = this.#entries.get(key);
    if (entry && now - entry.at < merchantDirectoryTtlMs) return entry.value as Promise<T>;
    if (this.#entries.size >= maxEntries) this.#entries.clear();
    const value = load();
    this.#entries.set(key, { at: now, value });
    value.catch(() => this.#entries.delete(key));
    return value;
  }
}
