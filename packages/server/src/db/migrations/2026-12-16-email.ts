import { sql, type Kysely } from 'kysely';

/**
 * Email to shoppers: each store's mail settings; the outbox every trigger
 * writes its mail to in the transaction of its event, once per event and
 * customer (the unique key); the addresses that bounced or unsubscribed; and
 * the development mailbox that keeps what would have been sent when no SMTP
 * server is configured.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table email_settings (
      merchant_id text primary key references merchants (id) on delete cascade,
      product_url_pattern text,
      store_url text,
      statement_url text,
      chat_url text,
      points_url text,
      preferences_url text,
      points_expiry_notice_days integer not null check (points_expiry_notice_days between 1 and 90),
      brand_color text not null
    );

    create table email_outbox (
      merchant_id text not null,
      id text not null,
      seq bigint generated always as identity,
      customer_id text not null,
      kind text not null,
      event_key text not null,
      facts jsonb not null,
      status text not null check (status in ('pending', 'sent', 'failed', 'skipped')),
      reason text,
      recipient text,
      subject text,
      attempts integer not null default 0,
      max_attempts integer not null,
      next_attempt_at timestamptz,
      created_at timestamptz not null,
      sent_at timestamptz,
      primary key (merchant_id, id),
      unique (merchant_id, customer_id, kind, event_key),
      foreign key (merchant_id, customer_id) references customers (merchant_id, id)
    );
    create index email_outbox_due on email_outbox (next_attempt_at) where status = 'pending';
    create index email_outbox_listed on email_outbox (merchant_id, seq desc);

    create table email_suppressions (
      merchant_id text not null references merchants (id) on delete cascade,
      address text not null,
      reason text not null check (reason in ('unsubscribe', 'bounce')),
      at timestamptz not null,
      primary key (merchant_id, address, reason)
    );

    create table dev_mailbox (
      id bigint generated always as identity primary key,
      merchant_id text not null references merchants (id) on delete cascade,
      delivery_id text not null,
      sender text not null,
      recipient text not null,
      subject text not null,
      headers jsonb not null,
      html text not null,
      text text not null,
      created_at timestamptz not null
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table dev_mailbox; drop table email_suppressions; drop table email_outbox; drop table email_settings;`.execute(db);
}
