import type { AccessView, ConsentPurpose, PrivacySettings } from '@clientela/contract';
import { sql, type Expression, type Insertable, type Selectable, type SqlBool } from 'kysely';
import type { Db } from '../../db/schema.ts';
import type { AccessLogTable, ConsentChangeTable } from './privacy.tables.ts';

export type ConsentChangeRow = Selectable<ConsentChangeTable>;
export type AccessLogRow = Selectable<AccessLogTable>;

export async function findPrivacySettings(db: Db, merchantId: string) {
  return db.selectFrom('privacySettings').selectAll().where('merchantId', '=', merchantId).executeTakeFirst();
}

/** Stores the settings; a change of the retention periods sends the retention job to the store at its next round. */
export async function upsertPrivacySettings(db: Db, merchantId: string, settings: PrivacySettings): Promise<void> {
  const row = {
    consentTextVersion: settings.consentTextVersion,
    consentDefaults: JSON.stringify(settings.consentDefaults),
    chatRetentionDays: settings.chatRetentionDays,
    inactiveCustomerRetentionDays: settings.inactiveCustomerRetentionDays,
    retentionAppliedAt: null,
  };
  await db
    .insertInto('privacySettings')
    .values({ merchantId, ...row })
    .onConflict((conflict) => conflict.column('merchantId').doUpdateSet(row))
    .execute();
}

/** The latest answer of the customer for one purpose, if they ever gave one. */
export async function findLatestConsent(db: Db, merchantId: string, customerId: string, purpose: ConsentPurpose) {
  return db
    .selectFrom('consentChanges')
    .select(['granted'])
    .where('merchantId', '=', merchantId)
    .where('customerId', '=', customerId)
    .where('purpose', '=', purpose)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** Every change of the customer's consents, newest first. */
export async function listConsentChanges(db: Db, merchantId: string, customerId: string): Promise<ConsentChangeRow[]> {
  return db.selectFrom('consentChanges').selectAll().where('merchantId', '=', merchantId).where('customerId', '=', customerId).orderBy('id', 'desc').execute();
}

export async function insertConsentChanges(db: Db, rows: ReadonlyArray<Insertable<ConsentChangeTable>>): Promise<void> {
  if (rows.length > 0) await db.insertInto('consentChanges').values([...rows]).execute();
}

export async function insertAccess(
  db: Db,
  row: { merchantId: string; customerId: string; staff: { id: string; name: string; role: AccessLogRow['staffRole'] & string } | null; view: AccessView; at: Date },
): Promise<void> {
  await db
    .insertInto('accessLog')
    .values({
      merchantId: row.merchantId,
      customerId: row.customerId,
      staffId: row.staff?.id ?? null,
      staffName: row.staff?.name ?? null,
      staffRole: row.staff?.role ?? null,
      view: row.view,
      at: row.at,
    })
    .execute();
}

/** Up to `limit` entries of the customer's access log, newest first, before the entry `beforeId` when given. */
export async function accessLogPage(db: Db, merchantId: string, customerId: string, limit?: number, beforeId?: number): Promise<AccessLogRow[]> {
  let query = db.selectFrom('accessLog').selectAll().where('merchantId', '=', merchantId).where('customerId', '=', customerId);
  if (beforeId !== undefined) query = query.where('id', '<', beforeId);
  query = query.orderBy('id', 'desc');
  return (limit === undefined ? query : query.limit(limit)).execute();
}

/**
 * In SQL over customers aliased `c`: whether the customer's latest word on
 * the purpose allows it, or, with no word from them, the merchant's default.
 */
export function consentGivenSql(purpose: ConsentPurpose, byDefault: boolean): Expression<SqlBool> {
  return sql<SqlBool>`coalesce((
    select g.granted from consent_changes g
     where g.merchant_id = c.merchant_id and g.customer_id = c.id and g.purpose = ${purpose}
     order by g.id desc limit 1
  ), ${byDefault})`;
}
