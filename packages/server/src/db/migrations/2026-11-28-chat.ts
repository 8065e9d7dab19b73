import { sql, type Kysely } from 'kysely';

/**
 * Support chat: conversations learn who read what, their rating and what
 * the shopper asked about; every change becomes an event in one per-merchant
 * sequence that streams resume from; agents' presence and business hours
 * tell whether a chat is answered now.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table conversations add column client_id text;
    alter table conversations add column attachment jsonb;
    alter table conversations add column started_offline boolean not null default false;
    alter table conversations add column shopper_read_seq integer not null default 0;
    alter table conversations add column agent_read_seq integer not null default 0;
    alter table conversations add column rating integer check (rating between 1 and 5);
    alter table conversations add column rating_comment text;
    create unique index conversations_client on conversations (merchant_id, customer_id, client_id);

    create table chat_events (
      merchant_id text not null,
      id bigint generated always as identity,
      conversation_id text not null,
      customer_id text not null,
      payload jsonb not null,
      created_at timestamptz not null,
      primary key (merchant_id, id)
    );
    create index chat_events_customer on chat_events (merchant_id, customer_id, id);
    create index chat_events_conversation on chat_events (merchant_id, conversation_id, id);

    create table agent_presence (
      merchant_id text not null,
      agent_id text not null,
      seen_at timestamptz not null,
      primary key (merchant_id, agent_id)
    );

    create table support_settings (
      merchant_id text primary key references merchants (id) on delete cascade,
      hours jsonb not null
    );
  `.execute(db);
}
