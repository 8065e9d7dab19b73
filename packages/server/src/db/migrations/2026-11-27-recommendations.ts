import { sql, type Kysely } from 'kysely';

/** Whether a merchant's recommendations may repeat a purchase, and what tells the model its data changed. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table recommendation_settings (
      merchant_id text primary key references merchants (id) on delete cascade,
      repeat_purchases boolean not null
    );
    create index wishlist_items_updated on wishlist_items (merchant_id, updated_at);
    create index products_updated on products (merchant_id, updated_at);
  `.execute(db);
}
