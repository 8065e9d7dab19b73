import { sql, type Kysely } from 'kysely';

/**
 * Webhooks: the store's endpoints, and the outbox of deliveries. A change
 * and the deliveries it causes are written in one transaction, one row per
 * event and subscribed endpoint, each carrying the exact body that is
 * signed and sent; the dispatcher works through the rows that are due.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table webhook_endpoints (
      merchant_id text not null references merchants (id) on delete cascade,
      id text not null,
      url text not null,
      events jsonb not null,
      description text not null,
      sealed_secret text not null,
      created_at timestamptz not null,
      primary key (merchant_id, id)
    );

    create table webhook_deliveries (
      merchant_id text not null,
      id text not null,
      seq bigint generated always as identity,
      endpoint_id text not null,
      event_id text not null,
      event_type text not null,
      payload text not null,
      status text not null check (status in ('pending', 'succeeded', 'failed')),
      attempts integer not null default 0,
      max_attempts integer not null,
      next_attempt_at timestamptz,
      last_status_code integer,
      last_error text,
      created_at timestamptz not null,
      delivered_at timestamptz,
      primary key (merchant_id, id),
      foreign key (merchant_id, endpoint_id) references webhook_endpoints (merchant_id, id) on delete cascade
    );
    create index webhook_deliveries_due on webhook_deliveries (next_attempt_at) where status = 'pending';
    create index webhook_deliveries_listed on webhook_deliveries (merchant_id, seq);
    create index webhook_deliveries_of_endpoint on webhook_deliveries (merchant_id, endpoint_id, seq);
    create index webhook_deliveries_finished on webhook_deliveries (created_at) where status <> 'pending';
  `.execute(db);
}
