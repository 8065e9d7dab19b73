import { sql, type Kysely } from 'kysely';

/**
 * Each customer's points ledger sum, kept on the customer by the database:
 * every statement that appends entries adds them to their customers' sums
 * before it ends, whoever runs it, so the sum never differs from the
 * entries'. `GET /v1/me`, which every widget on a page calls first, reads it
 * instead of adding up the ledger each time. The ledger stays append-only,
 * so appending is the only way a sum changes.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table customers add column points_ledger_sum bigint not null default 0;

    update customers c set points_ledger_sum = ledger.total
    from (select merchant_id, customer_id, sum(amount) as total from points_entries group by merchant_id, customer_id) ledger
    where c.merchant_id = ledger.merchant_id and c.id = ledger.customer_id;

    create function points_entries_add_to_ledger_sums() returns trigger language plpgsql as $$
    begin
      update customers c set points_ledger_sum = c.points_ledger_sum + appended.total
      from (select merchant_id, customer_id, sum(amount) as total from new_entries group by merchant_id, customer_id) appended
      where c.merchant_id = appended.merchant_id and c.id = appended.customer_id;
      return null;
    end;
    $$;
    create trigger points_entries_ledger_sums after insert on points_entries
      referencing new table as new_entries
      for each statement execute function points_entries_add_to_ledger_sums();
  `.execute(db);
}
