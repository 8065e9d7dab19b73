import { sql, type Kysely } from 'kysely';

/**
 * Loyalty the store runs from its back office.
 *
 * - Rewards and promotions have a name and a description in each language
 *   (`{ "es": …, "en": … }`); what was one name becomes the name in every
 *   language, as a merchant sending one name still means.
 * - A points entry keeps the names it was made with in each language
 *   (`labels`); entries from before keep their one `label`, for every language.
 * - The merchant values its points (`value_per_thousand_points`; null: 1 % of
 *   the spend that earns them) and may make codes expire (`redemption_valid_days`).
 * - A redemption's code is used at the till once: when, and by which member of
 *   the staff (none: the store's backend); and it may expire.
 * - What the points liability reads: the points still held in lots that have
 *   not expired.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table rewards add column names jsonb, add column descriptions jsonb;
    update rewards set names = jsonb_build_object('es', name, 'en', name), descriptions = jsonb_build_object('es', description, 'en', description);
    alter table rewards alter column names set not null, alter column descriptions set not null, drop column name, drop column description;

    alter table promotions add column names jsonb, add column descriptions jsonb not null default '{"es": "", "en": ""}';
    update promotions set names = jsonb_build_object('es', name, 'en', name);
    alter table promotions alter column names set not null, alter column descriptions drop default, drop column name;

    alter table points_entries add column labels jsonb;

    alter table loyalty_settings
      add column value_per_thousand_points bigint check (value_per_thousand_points > 0),
      add column redemption_valid_days integer check (redemption_valid_days between 1 and 3650);

    alter table redemptions
      add column expires_at timestamptz,
      add column used_at timestamptz,
      add column used_by_staff_id text,
      add check (used_by_staff_id is null or used_at is not null);
    create index redemptions_code on redemptions (merchant_id, code);

    create index points_entries_lots on points_entries (merchant_id, expires_at) include (customer_id, amount) where amount > 0;
  `.execute(db);
}
