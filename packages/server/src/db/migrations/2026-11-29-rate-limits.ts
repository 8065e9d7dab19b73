import { sql, type Kysely } from 'kysely';

/**
 * Rate limits: one counter per store, rule and subject (a shopper, an agent,
 * an address, an account) for the current window. Kept in the database so
 * that every API instance behind a load balancer counts against the same
 * budget; a row is reused when its window rolls over, so the table holds
 * at most one row per subject that called.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table rate_limits (
      merchant_id text not null references merchants (id) on delete cascade,
      rule text not null,
      subject text not null,
      window_start timestamptz not null,
      hits integer not null,
      primary key (merchant_id, rule, subject)
    );
  `.execute(db);
}
