import { sql, type Kysely } from 'kysely';
import type { Clock } from '../../core/clock.ts';
import type { Logger } from '../../core/logger.ts';
import { repeat } from '../../core/repeating-job.ts';
import type { Database } from '../../db/schema.ts';
import { recomputeTiers } from './tiers.ts';

/**
 * Keeps every merchant's pyramid fresh without recomputing it on each order:
 * a merchant's tiers are recomputed when orders arrived since the last time,
 * and at least daily (customers slip to `inactive` by time alone). Each
 * merchant is claimed with a conditional update, so of several instances
 * only one recomputes it.
 */
export async function recomputeDueTiers(db: Kysely<Database>, clock: Clock): Promise<string[]> {
  const now = clock();
  const due = await sql<{ id: string; tiersComputedAt: Date | null }>`
    select m.id, m.tiers_computed_at
      from merchants m
     where m.tiers_computed_at is null
        or m.tiers_computed_at < ${now}::timestamptz - interval '1 day'
        or exists (select 1 from orders o where o.merchant_id = m.id and o.created_at > m.tiers_computed_at)
  `.execute(db);
  const done: string[] = [];
  for (const merchant of due.rows) {
    const claimed = await db
      .updateTable('merchants')
      .set({ tiersComputedAt: now })
      .where('id', '=', merchant.id)
      .where((eb) => (merchant.tiersComputedAt ? eb('tiersComputedAt', '=', merchant.tiersComputedAt) : eb('tiersComputedAt', 'is', null)))
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) === 0) continue;
    await db.transaction().execute((trx) => recomputeTiers(trx, merchant.id, now));
    done.push(merchant.id);
  }
  return done;
}

/** Runs `recomputeDueTiers` now and then every `everyMs`; the timer never keeps the process alive. */
export function scheduleTierRecompute(db: Kysely<Database>, clock: Clock, logger: Logger, everyMs = 5 * 60_000): { stop(): Promise<void> } {
  return repeat(() => recomputeDueTiers(db, clock), 'tier recompute', logger, everyMs);
}
