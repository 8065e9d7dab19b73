import { sql, type Kysely } from 'kysely';

/**
 * Sessions that end before their tokens expire, keys of each store's own, and
 * sign-in waits that grow.
 *
 * - A store signs its tokens with a key derived for it and numbered: the
 *   number it signs with now, and until when the one before still verifies.
 * - Agents and customers have a session version that every token of theirs
 *   carries; raising it ends all their sessions at once. When it was last
 *   raised tells every instance which raises still matter: none older than
 *   the longest token.
 * - An agent's single signed-out session is kept by token id until the token
 *   would have expired.
 * - A rate-limit counter notes its last counted call, from which a budget
 *   past its limit makes the next call wait.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table merchants
      add column token_key_version integer not null default 1 check (token_key_version > 0),
      add column previous_token_key_until timestamptz;

    alter table agents
      add column session_version integer not null default 0,
      add column sessions_ended_at timestamptz;
    create index agents_sessions_ended on agents (sessions_ended_at) where sessions_ended_at is not null;

    alter table customers
      add column session_version integer not null default 0,
      add column sessions_ended_at timestamptz;
    create index customers_sessions_ended on customers (sessions_ended_at) where sessions_ended_at is not null;

    create table ended_sessions (
      merchant_id text not null references merchants (id) on delete cascade,
      token_id text not null,
      expires_at timestamptz not null,
      primary key (merchant_id, token_id)
    );
    create index ended_sessions_expiry on ended_sessions (expires_at);

    alter table rate_limits add column last_hit_at timestamptz;
  `.execute(db);
}
