import { sql, type Kysely } from 'kysely';

/**
 * The store card: each merchant's rules, customers' accounts, purchases in
 * installments, payments and refund credits, and closed statements, which
 * the database keeps exactly as they closed.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table orders add column with_interest boolean not null default false;
    alter table orders add column refunded bigint not null default 0;
    alter table orders add column request_hash text;

    create table refunds (
      merchant_id text not null,
      id text not null,
      order_id text not null,
      amount bigint not null check (amount > 0),
      reason text not null,
      created_at timestamptz not null,
      request_hash text not null,
      primary key (merchant_id, id),
      foreign key (merchant_id, order_id) references orders (merchant_id, id)
    );

    create table card_settings (
      merchant_id text primary key references merchants (id) on delete cascade,
      closing_day integer not null check (closing_day between 1 and 28),
      due_days integer not null check (due_days between 5 and 25),
      minimum_payment_bps integer not null,
      minimum_payment_floor bigint not null,
      monthly_interest_bps integer not null,
      installment_interest_bps integer not null,
      late_fee bigint not null,
      default_credit_limit bigint not null
    );

    create table card_accounts (
      merchant_id text not null,
      customer_id text not null,
      credit_limit bigint not null check (credit_limit >= 0),
      opened_at timestamptz not null,
      last_closed_period text,
      primary key (merchant_id, customer_id),
      foreign key (merchant_id, customer_id) references customers (merchant_id, id)
    );

    create table card_plans (
      merchant_id text not null,
      order_id text not null,
      customer_id text not null,
      purchased_at timestamptz not null,
      first_period text not null,
      description text not null,
      more_items integer not null,
      amount bigint not null,
      installment_amounts jsonb not null,
      primary key (merchant_id, order_id),
      foreign key (merchant_id, order_id) references orders (merchant_id, id),
      foreign key (merchant_id, customer_id) references card_accounts (merchant_id, customer_id)
    );
    create index card_plans_customer on card_plans (merchant_id, customer_id, first_period);

    create table card_movements (
      merchant_id text not null,
      id bigint generated always as identity,
      customer_id text not null,
      kind text not null check (kind in ('payment', 'credit')),
      amount bigint not null check (amount > 0),
      occurred_at timestamptz not null,
      reference text not null,
      order_id text,
      request_hash text not null,
      primary key (merchant_id, id),
      unique (merchant_id, kind, reference),
      foreign key (merchant_id, customer_id) references card_accounts (merchant_id, customer_id)
    );
    create index card_movements_customer on card_movements (merchant_id, customer_id, occurred_at);

    create table card_statements (
      merchant_id text not null,
      customer_id text not null,
      period text not null,
      period_start date not null,
      closing_date date not null,
      due_date date not null,
      due_end timestamptz not null,
      currency char(3) not null,
      previous_balance bigint not null,
      purchases bigint not null,
      installments bigint not null,
      payments bigint not null,
      credits bigint not null,
      fees bigint not null,
      interest bigint not null,
      closing_balance bigint not null,
      minimum_payment bigint not null,
      credit_limit bigint not null,
      pending_installments bigint not null,
      available_credit bigint not null,
      payoff_months integer,
      payoff_interest bigint not null,
      transaction_count integer not null,
      primary key (merchant_id, customer_id, period),
      foreign key (merchant_id, customer_id) references card_accounts (merchant_id, customer_id)
    );

    create table card_statement_lines (
      merchant_id text not null,
      customer_id text not null,
      period text not null,
      seq integer not null,
      kind text not null,
      occurred_at timestamptz not null,
      description text not null,
      more_items integer not null,
      amount bigint not null,
      installment_number integer,
      installment_count integer,
      order_id text,
      purchase_total bigint,
      primary key (merchant_id, customer_id, period, seq),
      foreign key (merchant_id, customer_id, period) references card_statements (merchant_id, customer_id, period)
    );

    create function closed_statements_are_final() returns trigger language plpgsql as $$
    begin
      raise exception 'a closed statement never changes: % is final', tg_table_name
        using errcode = 'restrict_violation';
    end;
    $$;
    create trigger card_statements_final before update or delete on card_statements
      for each row execute function closed_statements_are_final();
    create trigger card_statement_lines_final before update or delete on card_statement_lines
      for each row execute function closed_statements_are_final();
  `.execute(db);
}
