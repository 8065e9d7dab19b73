import { sql, type Kysely } from 'kysely';

/** Wishlists with each shopper's alert preferences, and the alerts a catalog change sends them. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table wishlist_items (
      merchant_id text not null,
      customer_id text not null,
      product_id text not null,
      note text not null,
      alert_price_drop boolean not null,
      alert_back_in_stock boolean not null,
      price_when_added bigint not null,
      added_at timestamptz not null,
      updated_at timestamptz not null,
      primary key (merchant_id, customer_id, product_id),
      foreign key (merchant_id, customer_id) references customers (merchant_id, id),
      foreign key (merchant_id, product_id) references products (merchant_id, id)
    );
    create index wishlist_items_product on wishlist_items (merchant_id, product_id);

    create table notifications (
      merchant_id text not null,
      id bigint generated always as identity,
      customer_id text not null,
      kind text not null check (kind in ('price-drop', 'back-in-stock')),
      product_id text not null,
      previous_price bigint,
      price bigint not null,
      created_at timestamptz not null,
      read_at timestamptz,
      primary key (merchant_id, id),
      foreign key (merchant_id, customer_id) references customers (merchant_id, id),
      foreign key (merchant_id, product_id) references products (merchant_id, id)
    );
    create index notifications_customer on notifications (merchant_id, customer_id, id desc);
  `.execute(db);
}
