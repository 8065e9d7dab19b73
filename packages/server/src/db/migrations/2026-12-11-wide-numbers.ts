import { sql, type Kysely } from 'kysely';

/**
 * Points entries as wide as the sums they add up to. An order may earn up to
 * its total (10¹² minor units at most) times the tier's multiplier and each
 * running promotion's, far past the 2³¹ − 1 an `integer` holds: such an order
 * failed to be recorded at all. Entries are `bigint` now, like the customers'
 * ledger sums; the application caps a balance well inside the integers a
 * JSON client reads exactly (see `maxPointsBalance`). Every other integer
 * column a request can drive is bounded by the contract below 2³¹ − 1, or is
 * `bigint` already.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table points_entries alter column amount type bigint`.execute(db);
}
