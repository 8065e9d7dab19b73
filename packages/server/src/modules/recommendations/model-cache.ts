import { sql, type Kysely } from 'kysely';
import type { Clock } from '../../core/clock.ts';
import type { Logger } from '../../core/logger.ts';
import type { Database } from '../../db/schema.ts';
import { RecommendationModel } from './model.ts';
import { loadTrainingData } from './training-data.ts';

const checkEveryMs = 60_000;

interface Entry {
  model: RecommendationModel;
  /** What the data looked like when the model was built. */
  version: string;
  checkedAt: number;
  rebuilding: Promise<void> | null;
}

/**
 * Each instance keeps one model per merchant in memory and rebuilds it on a
 * schedule, not per order: at most once a minute it asks whether orders,
 * wishlists or the catalog changed since the build, and if so rebuilds in
 * the background while the old model keeps answering. Similarities are
 * slow-moving statistics; what must be exact per request (the shopper's own
 * purchases, stock) the service reads fresh every time.
 */
export class RecommendationModels {
  readonly #db: Kysely<Database>;
  readonly #clock: Clock;
  readonly #logger: Logger;
  readonly #entries = new Map<string, Promise<Entry>>();

  constructor(db: Kysely<Database>, clock: Clock, logger: Logger) {
    this.#db = db;
    this.#clock = clock;
    this.#logger = logger;
  }

  async #version(merchantId: string): Promise<string> {
    const { rows } = await sql<{ orders: Date | null; wishes: Date | null; products: Date | null }>`
      select (select max(created_at) from orders where merchant_id = ${merchantId}) as orders,
             (select max(updated_at) from wishlist_items where merchant_id = ${merchantId}) as wishes,
             (select max(updated_at) from products where merchant_id = ${merchantId}) as products
    `.execute(this.#db);
    const row = rows[0]!;
    return [row.orders, row.wishes, row.products].map((d) => d?.getTime() ?? 0).join('/');
  }

  async #build(merchantId: string): Promise<Omit<Entry, 'rebuilding'>> {
    const version = await this.#version(merchantId);
    const model = RecommendationModel.build(await loadTrainingData(this.#db, merchantId, this.#clock()));
    return { model, version, checkedAt: this.#clock().getTime() };
  }

  /** The merchant's model: built on first use, then refreshed in the background when its data changed. */
  async for(merchantId: string): Promise<RecommendationModel> {
    let pending = this.#entries.get(merchantId);
    if (!pending) {
      pending = this.#build(merchantId).then((built) => ({ ...built, rebuilding: null }));
      this.#entries.set(merchantId, pending);
      pending.catch(() => this.#entries.delete(merchantId));
    }
    const entry = await pending;
    const now = this.#clock().getTime();
    if (!entry.rebuilding && now - entry.checkedAt >= checkEveryMs) {
      entry.checkedAt = now;
      entry.rebuilding = this.#version(merchantId)
        .then(async (version) => {
          if (version !== entry.version) Object.assign(entry, await this.#build(merchantId));
        })
        .catch((error: unknown) => this.#logger.error({ err: error, merchantId }, 'rebuilding recommendations failed'))
        .finally(() => (entry.rebuilding = null));
    }
    return entry.model;
  }

  /** Rebuilds now and waits for it; for tests and for a merchant that just loaded its history. */
  async rebuild(merchantId: string): Promise<RecommendationModel> {
    const built = this.#build(merchantId).then((entry) => ({ ...entry, rebuilding: null }));
    this.#entries.set(merchantId, built);
    return (await built).model;
  }
}
