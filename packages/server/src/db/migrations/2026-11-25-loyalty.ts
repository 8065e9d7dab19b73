import { sql, type Kysely } from 'kysely';

/**
 * Loyalty as money-grade bookkeeping: each merchant's earning rules,
 * promotions, redemptions, the responses kept for idempotency keys, when each
 * customer's ledger next needs a write (an expiry, a birthday), and the
 * spend each tier of the pyramid starts at.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table loyalty_settings (
      merchant_id text primary key references merchants (id) on delete cascade,
      spend_per_point bigint not null check (spend_per_point > 0),
      tier_multipliers jsonb not null,
      birthday_bonus integer not null check (birthday_bonus >= 0),
      points_lifetime_days integer not null check (points_lifetime_days > 0),
      expected_lifespan_years integer not null check (expected_lifespan_years > 0)
    );

    create table promotions (
      merchant_id text not null references merchants (id) on delete cascade,
      id text not null,
      name text not null,
      starts_at timestamptz not null,
      ends_at timestamptz not null,
      multiplier integer not null check (multiplier >= 10000),
      primary key (merchant_id, id),
      check (ends_at > starts_at)
    );

    alter table points_entries add column label text;
    create unique index points_entries_correction on points_entries (merchant_id, reference) where reason = 'correction';

    create table redemptions (
      merchant_id text not null,
      id text not null,
      customer_id text not null,
      reward_id text not null,
      cost integer not null,
      code text not null,
      created_at timestamptz not null,
      primary key (merchant_id, id),
      foreign key (merchant_id, customer_id) references customers (merchant_id, id),
      foreign key (merchant_id, reward_id) references rewards (merchant_id, id)
    );

    create table idempotency_keys (
      merchant_id text not null,
      customer_id text not null,
      key text not null,
      request_hash text not null,
      status integer not null,
      body jsonb not null,
      created_at timestamptz not null,
      primary key (merchant_id, customer_id, key)
    );

    alter table customers add column points_due_at timestamptz;
    alter table merchants add column tier_floors jsonb;
    alter table merchants add column tiers_computed_at timestamptz;
    create index orders_created on orders (merchant_id, created_at);
  `.execute(db);
}
