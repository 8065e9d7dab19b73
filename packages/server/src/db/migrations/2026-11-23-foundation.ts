import { sql, type Kysely } from 'kysely';

/**
 * The spine: merchants and their keys, agents, customers, the catalog, orders,
 * the points ledger, rewards and conversations. Every table's key starts with
 * merchant_id, so tenants can later be distributed (Citus) on that column.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table merchants (
      id text primary key,
      name text not null,
      currency char(3) not null,
      time_zone text not null,
      locale text not null,
      publishable_key text not null unique,
      secret_key_hash text not null unique,
      created_at timestamptz not null default now()
    );

    create table merchant_origins (
      merchant_id text not null references merchants (id) on delete cascade,
      origin text not null,
      primary key (merchant_id, origin)
    );
    create index merchant_origins_origin on merchant_origins (origin);

    create table agents (
      merchant_id text not null references merchants (id) on delete cascade,
      id text not null,
      email text not null,
      name text not null,
      password_hash text not null,
      created_at timestamptz not null default now(),
      primary key (merchant_id, id),
      unique (merchant_id, email)
    );

    create table customers (
      merchant_id text not null references merchants (id) on delete cascade,
      id text not null,
      first_name text not null,
      last_name text not null,
      email text,
      phone text,
      locale text,
      birthday date,
      registered_at timestamptz not null,
      tier text not null default 'potential',
      created_at timestamptz not null default now(),
      updated_at timestamptz not null,
      primary key (merchant_id, id)
    );

    create table products (
      merchant_id text not null references merchants (id) on delete cascade,
      id text not null,
      name text not null,
      description text not null,
      category text not null,
      price bigint not null check (price >= 0),
      image_url text,
      stock integer not null check (stock >= 0),
      active boolean not null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null,
      primary key (merchant_id, id)
    );

    create table orders (
      merchant_id text not null,
      id text not null,
      customer_id text not null,
      placed_at timestamptz not null,
      total bigint not null,
      currency char(3) not null,
      paid_with_store_card boolean not null,
      installments integer not null check (installments between 1 and 48),
      created_at timestamptz not null default now(),
      primary key (merchant_id, id),
      foreign key (merchant_id, customer_id) references customers (merchant_id, id)
    );
    create index orders_customer on orders (merchant_id, customer_id, placed_at desc);
    create index orders_placed_at on orders (merchant_id, placed_at);

    create table order_lines (
      merchant_id text not null,
      order_id text not null,
      line_no integer not null,
      product_id text not null,
      quantity integer not null check (quantity > 0),
      unit_price bigint not null check (unit_price >= 0),
      primary key (merchant_id, order_id, line_no),
      foreign key (merchant_id, order_id) references orders (merchant_id, id)
    );
    create index order_lines_product on order_lines (merchant_id, product_id);

    create table points_entries (
      merchant_id text not null,
      id bigint generated always as identity,
      customer_id text not null,
      amount integer not null check (amount <> 0),
      reason text not null,
      reference text,
      created_at timestamptz not null,
      expires_at timestamptz,
      primary key (merchant_id, id),
      foreign key (merchant_id, customer_id) references customers (merchant_id, id)
    );
    create index points_entries_customer on points_entries (merchant_id, customer_id, id);

    create function points_entries_are_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'points_entries is append-only: correct a balance with a new entry'
        using errcode = 'restrict_violation';
    end;
    $$;
    create trigger points_entries_no_update before update or delete on points_entries
      for each row execute function points_entries_are_append_only();
    create trigger points_entries_no_truncate before truncate on points_entries
      for each statement execute function points_entries_are_append_only();

    create table rewards (
      merchant_id text not null references merchants (id) on delete cascade,
      id text not null,
      name text not null,
      description text not null,
      cost integer not null check (cost > 0),
      image_url text,
      active boolean not null default true,
      primary key (merchant_id, id)
    );

    create table conversations (
      merchant_id text not null,
      id text not null,
      customer_id text not null,
      subject text not null,
      status text not null check (status in ('open', 'pending', 'resolved')),
      assigned_agent_id text,
      last_seq integer not null default 0,
      created_at timestamptz not null,
      updated_at timestamptz not null,
      primary key (merchant_id, id),
      foreign key (merchant_id, customer_id) references customers (merchant_id, id)
    );
    create index conversations_inbox on conversations (merchant_id, status, updated_at desc);
    create index conversations_customer on conversations (merchant_id, customer_id, updated_at desc);

    create table messages (
      merchant_id text not null,
      conversation_id text not null,
      seq integer not null,
      id text not null,
      client_id text not null,
      author text not null check (author in ('shopper', 'agent', 'system')),
      author_id text,
      body text not null,
      created_at timestamptz not null,
      primary key (merchant_id, conversation_id, seq),
      unique (merchant_id, conversation_id, client_id),
      foreign key (merchant_id, conversation_id) references conversations (merchant_id, id)
    );

    create table server_settings (
      name text primary key,
      value text not null
    );
  `.execute(db);
}
