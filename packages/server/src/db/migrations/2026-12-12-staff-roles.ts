import { sql, type Kysely } from 'kysely';

/**
 * Staff with roles. The agents become the store's staff, each an `owner`, an
 * `admin` or an `agent`; those there before are agents. A member removed from
 * the staff keeps their row (what they wrote keeps their name) but signs in
 * no more, and their email may be given to someone new.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table agents rename to staff;
    alter index agents_sessions_ended rename to staff_sessions_ended;
    alter table staff
      add column role text not null default 'agent' check (role in ('owner', 'admin', 'agent')),
      add column removed_at timestamptz;
    alter table staff drop constraint agents_merchant_id_email_key;
    create unique index staff_email on staff (merchant_id, email) where removed_at is null;
    create index staff_owners on staff (merchant_id) where role = 'owner' and removed_at is null;
  `.execute(db);
}
