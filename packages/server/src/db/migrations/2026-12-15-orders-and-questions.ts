import { sql, type Kysely } from 'kysely';

/**
 * Where each order is (the merchant's fulfilment reports, kept as a history),
 * the drip questionnaire (questions, the shoppers' answers, append-only, and
 * how often to ask), and the feedback asked after a delivery (one per order).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table fulfillment_changes (
      merchant_id text not null,
      order_id text not null,
      seq bigint generated always as identity,
      status text not null check (status in ('pending', 'preparing', 'shipped', 'delivered', 'cancelled')),
      carrier text,
      tracking_number text,
      tracking_url text,
      at timestamptz not null,
      recorded_at timestamptz not null,
      primary key (merchant_id, order_id, seq),
      foreign key (merchant_id, order_id) references orders (merchant_id, id) on delete cascade
    );

    create table questions (
      merchant_id text not null references merchants (id) on delete cascade,
      id text not null,
      kind text not null check (kind in ('single-choice', 'multiple-choice', 'scale', 'text')),
      purpose text not null check (purpose in ('preferences', 'profile', 'satisfaction')),
      prompt jsonb not null,
      choices jsonb not null default '[]',
      max_length integer check (max_length between 1 and 2000),
      reward_points integer not null default 0 check (reward_points >= 0),
      active boolean not null default true,
      position integer not null default 0,
      created_at timestamptz not null,
      updated_at timestamptz not null,
      primary key (merchant_id, id)
    );
    create index questions_in_order on questions (merchant_id, position, id) where active;

    create table answers (
      merchant_id text not null,
      id bigint generated always as identity,
      customer_id text not null,
      question_id text not null,
      value jsonb not null,
      points_awarded integer not null default 0,
      answered_at timestamptz not null,
      primary key (merchant_id, id),
      foreign key (merchant_id, customer_id) references customers (merchant_id, id) on delete cascade,
      foreign key (merchant_id, question_id) references questions (merchant_id, id) on delete cascade
    );
    create index answers_of_customer on answers (merchant_id, customer_id, question_id, id);
    create index answers_of_question on answers (merchant_id, question_id, customer_id, id);
    -- A question's reward is earned once per shopper, however answers race.
    create unique index points_entries_question on points_entries (merchant_id, customer_id, reference) where reason = 'question';

    create table questionnaire_settings (
      merchant_id text primary key references merchants (id) on delete cascade,
      interval_days integer not null check (interval_days between 0 and 365)
    );

    create table order_feedback (
      merchant_id text not null,
      order_id text not null,
      customer_id text not null,
      score smallint not null check (score between 0 and 10),
      comment text not null,
      answered_at timestamptz not null,
      primary key (merchant_id, order_id),
      foreign key (merchant_id, order_id) references orders (merchant_id, id) on delete cascade,
      foreign key (merchant_id, customer_id) references customers (merchant_id, id) on delete cascade
    );
    create index order_feedback_answered on order_feedback (merchant_id, answered_at);
  `.execute(db);
}
