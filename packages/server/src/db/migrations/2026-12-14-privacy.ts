import { sql, type Kysely } from 'kysely';

/**
 * Privacy and data rights: each store's consent defaults and retention
 * periods; every change of a shopper's consent and every read of their data
 * by the staff, both kept for good (append-only, like the points ledger);
 * the confirmations an erasure waits for; and when a customer was erased.
 *
 * An erasure must blank the text of staff notes and the notes of points
 * corrections, which are append-only: their guards now let exactly that
 * through, and only inside an erasure's transaction (`clientela.erasure`).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table privacy_settings (
      merchant_id text primary key references merchants (id) on delete cascade,
      consent_text_version text not null,
      consent_defaults jsonb not null,
      chat_retention_days integer check (chat_retention_days between 30 and 3650),
      inactive_customer_retention_days integer check (inactive_customer_retention_days between 180 and 3650),
      retention_applied_at timestamptz
    );

    create table consent_changes (
      merchant_id text not null,
      id bigint generated always as identity,
      customer_id text not null,
      purpose text not null check (purpose in ('marketing-email', 'profiling', 'birthday-greeting')),
      granted boolean not null,
      text_version text not null,
      channel text not null check (channel in ('portal', 'store')),
      actor_kind text not null check (actor_kind in ('shopper', 'staff', 'backend')),
      actor_staff_id text,
      actor_name text,
      actor_role text,
      at timestamptz not null,
      primary key (merchant_id, id),
      foreign key (merchant_id, customer_id) references customers (merchant_id, id),
      check ((actor_kind = 'staff') = (actor_staff_id is not null))
    );
    create index consent_changes_customer on consent_changes (merchant_id, customer_id, purpose, id desc);

    create table access_log (
      merchant_id text not null,
      id bigint generated always as identity,
      customer_id text not null,
      staff_id text,
      staff_name text,
      staff_role text,
      view text not null check (view in ('customer-page', 'customer-panel', 'export')),
      at timestamptz not null,
      primary key (merchant_id, id),
      foreign key (merchant_id, customer_id) references customers (merchant_id, id),
      check ((staff_id is null) = (staff_name is null) and (staff_id is null) = (staff_role is null))
    );
    create index access_log_customer on access_log (merchant_id, customer_id, id desc);

    create function privacy_records_are_append_only() returns trigger language plpgsql as $$
    begin
      raise exception '% is append-only: a record of consent or of access is kept for good', tg_table_name
        using errcode = 'restrict_violation';
    end;
    $$;
    create trigger consent_changes_no_change before update or delete on consent_changes
      for each row execute function privacy_records_are_append_only();
    create trigger access_log_no_change before update or delete on access_log
      for each row execute function privacy_records_are_append_only();

    create table erasure_confirmations (
      merchant_id text not null,
      customer_id text not null,
      confirmation_hash text not null,
      expires_at timestamptz not null,
      primary key (merchant_id, customer_id),
      foreign key (merchant_id, customer_id) references customers (merchant_id, id)
    );

    alter table customers add column erased_at timestamptz;

    create or replace function customer_notes_are_append_only() returns trigger language plpgsql as $$
    begin
      if current_setting('clientela.erasure', true) = 'on' and to_jsonb(new) - 'body' = to_jsonb(old) - 'body' then
        return new;
      end if;
      raise exception 'customer_notes is append-only: write a new note'
        using errcode = 'restrict_violation';
    end;
    $$;

    create or replace function points_entries_are_append_only() returns trigger language plpgsql as $$
    begin
      if tg_op = 'UPDATE' and current_setting('clientela.erasure', true) = 'on'
         and to_jsonb(new) - 'label' - 'labels' = to_jsonb(old) - 'label' - 'labels' then
        return new;
      end if;
      raise exception 'points_entries is append-only: correct a balance with a new entry'
        using errcode = 'restrict_violation';
    end;
    $$;
  `.execute(db);
}
