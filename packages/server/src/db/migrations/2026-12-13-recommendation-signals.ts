import { sql, type Kysely } from 'kysely';

/**
 * What recommendations learn from beyond orders: each product's type and the
 * merchant's boost, the merchant's pins and exclusions, and the browsing
 * signals (views, cart adds) of visitors and shoppers. Browsing events are
 * kept 90 days and at most 200 per visitor or shopper (see the events module).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table products add column type text not null default '';
    alter table products add column boost double precision not null default 0 check (boost >= 0 and boost <= 1);

    alter table recommendation_settings alter column repeat_purchases set default false;
    alter table recommendation_settings add column pinned jsonb not null default '{"products":[],"categories":[]}';
    alter table recommendation_settings add column excluded jsonb not null default '{"products":[],"categories":[]}';
    alter table recommendation_settings add column boost_weight double precision not null default 0.5;

    create table browsing_events (
      merchant_id text not null references merchants (id) on delete cascade,
      id bigint generated always as identity,
      customer_id text,
      visitor_id text,
      product_id text not null,
      kind text not null check (kind in ('view', 'cart')),
      at timestamptz not null,
      primary key (merchant_id, id),
      foreign key (merchant_id, customer_id) references customers (merchant_id, id) on delete cascade,
      check ((customer_id is null) <> (visitor_id is null))
    );
    create index browsing_events_customer on browsing_events (merchant_id, customer_id, at) where customer_id is not null;
    create index browsing_events_visitor on browsing_events (merchant_id, visitor_id, at) where visitor_id is not null;
    create index browsing_events_at on browsing_events (merchant_id, at);
  `.execute(db);
}
