import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

/** Bookkeeping that a refused call may legitimately move: rate-limit counters and the migrator's own tables. */
const bookkeeping = new Set(['rate_limits', 'kysely_migration', 'kysely_migration_lock']);

/**
 * What one customer owns: their row, every row naming them, and the messages
 * of their conversations; without a customer, everything of the store.
 */
export interface CustomerScope {
  merchantId: string;
  customerId?: string;
}

const quoted = (name: string) => sql.id(name);

/**
 * A digest of every application table, table by table (an md5 over its rows
 * in a stable order), so that a test can tell that a call changed nothing and,
 * when it did, which table moved. With a scope, only what that customer owns
 * and what their store holds for everyone (products, rewards, settings) counts.
 */
export async function databaseFingerprint(db: Kysely<Database>, scope?: CustomerScope): Promise<Record<string, string>> {
  const columns = await sql<{ tableName: string; columnName: string }>`
    select table_name, column_name from information_schema.columns
    where table_schema = current_schema() and column_name in ('merchant_id', 'customer_id', 'conversation_id')
    union all
    select table_name, '' from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE'
  `.execute(db);
  const tables = new Map<string, Set<string>>();
  for (const { tableName, columnName } of columns.rows) {
    if (bookkeeping.has(tableName)) continue;
    const known = tables.get(tableName) ?? new Set<string>();
    if (columnName) known.add(columnName);
    tables.set(tableName, known);
  }
  const perTable = [...tables].map(([table, has]) => {
    const rows = sql`(select * from ${quoted(table)} t ${scope ? whereOwned(table, has, scope) : sql``})`;
    return sql`select ${sql.lit(table)} as name, md5(coalesce(string_agg(r::text, '|' order by r::text), '')) as digest from ${rows} r`;
  });
  const { rows } = await sql<{ name: string; digest: string }>`${sql.join(perTable, sql` union all `)}`.execute(db);
  return Object.fromEntries(rows.map((row) => [row.name, row.digest]).sort(([a], [b]) => a!.localeCompare(b!)));
}

function whereOwned(table: string, has: Set<string>, { merchantId, customerId }: CustomerScope) {
  if (table === 'merchants' && customerId === undefined) return sql`where t.id = ${merchantId}`;
  if (!has.has('merchant_id')) return sql``;
  if (customerId === undefined) return sql`where t.merchant_id = ${merchantId}`;
  if (table === 'customers') return sql`where t.merchant_id = ${merchantId} and t.id = ${customerId}`;
  if (has.has('customer_id')) return sql`where t.merchant_id = ${merchantId} and t.customer_id = ${customerId}`;
  if (has.has('conversation_id')) {
    return sql`where t.merchant_id = ${merchantId} and t.conversation_id in
      (select c.id from conversations c where c.merchant_id = ${merchantId} and c.customer_id = ${customerId})`;
  }
  return sql`where t.merchant_id = ${merchantId}`;
}
