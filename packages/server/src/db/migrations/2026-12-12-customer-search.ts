import { sql, type Kysely } from 'kysely';

/**
 * Finding customers, and what the staff write about them.
 *
 * - `clientela_fold` takes case and the accents of Spanish, Portuguese,
 *   French and the like off text, so "fernandez" finds Fernández. Each
 *   customer keeps their folded id, names and email (`search_text`) and
 *   folded last-then-first name (`sort_name`), computed by the database.
 * - Each customer's year's spend and orders, spend to date and last purchase
 *   are kept on their row, written when the pyramid is computed, so lists sort
 *   by lifetime value, spend or recency on an index instead of adding up
 *   orders for every customer of the store.
 * - Staff notes on a customer are appended, never changed.
 * - Revenue by month reads orders by time without touching the table.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create function clientela_fold(text) returns text language sql immutable strict parallel safe as $$
      select lower(translate($1, 'ÁÀÂÄÃÅáàâäãåÉÈÊËéèêëÍÌÎÏíìîïÓÒÔÖÕØóòôöõøÚÙÛÜúùûüÑñÇçÝýÿ', 'AAAAAAaaaaaaEEEEeeeeIIIIiiiiOOOOOOooooooUUUUuuuuNnCcYyy'))
    $$;

    alter table customers
      add column search_text text generated always as (clientela_fold(id || ' ' || first_name || ' ' || last_name || ' ' || coalesce(email, ''))) stored,
      add column sort_name text generated always as (clientela_fold(last_name || ' ' || first_name)) stored,
      add column recent_spend bigint not null default 0,
      add column recent_orders integer not null default 0,
      add column spent_to_date bigint not null default 0,
      add column last_purchase_at timestamptz;

    update customers c
       set recent_spend = s.recent, recent_orders = s.recent_orders, spent_to_date = s.ever, last_purchase_at = s.last_purchase_at
      from (select merchant_id, customer_id,
                   coalesce(sum(total - refunded) filter (where placed_at > now() - interval '12 months'), 0) as recent,
                   count(*) filter (where placed_at > now() - interval '12 months') as recent_orders,
                   sum(total - refunded) as ever,
                   max(placed_at) as last_purchase_at
              from orders where placed_at <= now()
             group by merchant_id, customer_id) s
     where c.merchant_id = s.merchant_id and c.id = s.customer_id;

    create index customers_by_value on customers (merchant_id, recent_spend desc, id);
    create index customers_by_spend on customers (merchant_id, spent_to_date desc, id);
    create index customers_by_recency on customers (merchant_id, last_purchase_at desc nulls last, id);
    create index customers_by_name on customers (merchant_id, sort_name, id);

    create table customer_notes (
      merchant_id text not null,
      id bigint generated always as identity,
      customer_id text not null,
      -- Null: written by the store's backend with the secret key.
      author_staff_id text,
      author_name text,
      author_role text check (author_role in ('owner', 'admin', 'agent')),
      body text not null,
      created_at timestamptz not null,
      primary key (merchant_id, id),
      foreign key (merchant_id, customer_id) references customers (merchant_id, id),
      check ((author_staff_id is null) = (author_name is null) and (author_staff_id is null) = (author_role is null))
    );
    create index customer_notes_customer on customer_notes (merchant_id, customer_id, id desc);

    create function customer_notes_are_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'customer_notes is append-only: write a new note'
        using errcode = 'restrict_violation';
    end;
    $$;
    create trigger customer_notes_no_update before update on customer_notes
      for each row execute function customer_notes_are_append_only();

    create index orders_placed_at_totals on orders (merchant_id, placed_at) include (customer_id, total, refunded);
    drop index orders_placed_at;
  `.execute(db);
}
