import type { Kysely } from 'kysely';
import type { Clock } from '../../core/clock.ts';
import type { Merchant } from '../../core/merchant.ts';
import type { Database } from '../../db/schema.ts';
import { hashSecretKey } from './keys.ts';
import {
  findMerchantById,
  findMerchantByPublishableKey,
  findMerchantBySecretKeyHash,
  type KeyHolder,
} from './merchants.repository.ts';

/** How long an answer is remembered: the longest another instance's change to a merchant takes to show here. */
export const merchantDirectoryTtlMs = 30_000;
/** The most answers each of the two maps holds. */
const maxEntries = 10_000;

/**
 * Looks merchants up by key, id or origin for every request, remembering
 * answers for a short while: keys and origins change rarely, and another
 * instance's change shows here within the time to live.
 */
export class MerchantDirectory {
  readonly #db: Kysely<Database>;
  readonly #clock: Clock;
  /** Answers that found a merchant (or a registered origin). */
  readonly #found = new Map<string, Entry>();
  /**
   * Answers that found nothing, and answers still on their way: keys anyone
   * can make up, so a flood of them fills only this map and never pushes out
   * the stores that are really calling.
   */
  readonly #missing = new Map<string, Entry>();

  constructor(db: Kysely<Database>, clock: Clock) {
    this.#db = db;
    this.#clock = clock;
  }

  byId(id: string): Promise<Merchant | undefined> {
    return this.#remember(`id:${id}`, () => findMerchantById(this.#db, id));
  }

  async byPublishableKey(key: string): Promise<Merchant | undefined> {
    return this.#holding(await this.#remember(`pk:${key}`, () => findMerchantByPublishableKey(this.#db, key)));
  }

  async bySecretKey(key: string): Promise<Merchant | undefined> {
    const hash = hashSecretKey(key);
    return this.#holding(await this.#remember(`sk:${hash}`, () => findMerchantBySecretKeyHash(this.#db, hash)));
  }

  /** The merchant a key names while the key works: a key rolled away stops at the end of its grace, to the second, remembered or not. */
  #holding(holder: KeyHolder | undefined): Merchant | undefined {
    if (!holder) return undefined;
    return holder.validUntil === null || this.#clock() < holder.validUntil ? holder.merchant : undefined;
  }

  /** Drops every remembered answer, after this instance changed merchants. */
  forget(): void {
    this.#found.clear();
    this.#missing.clear();
  }

  #remember<T>(key: string, load: () => Promise<T>): Promise<T> {
    const now = this.#clock().getTime();
    const entry = this.#found.get(key) ?? this.#missing.get(key);
    if (entry && now - entry.at < merchantDirectoryTtlMs) return entry.value as Promise<T>;
    const value = load();
    const remembered = { at: now, value };
    keep(this.#missing, key, remembered);
    value.then(
      (answer) => {
        if (answer === undefined || answer === false || this.#missing.get(key) !== remembered) return;
        this.#missing.delete(key);
        keep(this.#found, key, remembered);
      },
      () => this.#missing.delete(key),
    );
    return value;
  }
}

interface Entry {
  at: number;
  value: Promise<unknown>;
}

/** Remembers an answer, starting the map over when it is full: simpler than an eviction order, and rare for the stores really calling. */
function keep(entries: Map<string, Entry>, key: string, entry: Entry): void {
  if (entries.size >= maxEntries) entries.clear();
  entries.set(key, entry);
}
