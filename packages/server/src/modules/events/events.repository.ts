import type { Db } from '../../db/schema.ts';
import type { BrowsingEventTable } from './events.tables.ts';

/** Whose events: a shopper's, or an anonymous visitor's. */
export type Subject = { customerId: string } | { visitorId: string };

const ofSubject = (subject: Subject) =>
  'customerId' in subject ? (['customerId', subject.customerId] as const) : (['visitorId', subject.visitorId] as const);

export interface NewBrowsingEvent {
  productId: string;
  kind: BrowsingEventTable['kind'];
  at: Date;
}

/** Of the product ids given, those the merchant's catalog has. */
export async function knownProducts(db: Db, merchantId: string, productIds: readonly string[]): Promise<Set<string>> {
  if (productIds.length === 0) return new Set();
  const rows = await db.selectFrom('products').select('id').where('merchantId', '=', merchantId).where('id', 'in', [...new Set(productIds)]).execute();
  return new Set(rows.map((row) => row.id));
}

export async function insertEvents(db: Db, merchantId: string, subject: Subject, events: readonly NewBrowsingEvent[]): Promise<void> {
  if (events.length === 0) return;
  const customerId = 'customerId' in subject ? subject.customerId : null;
  const visitorId = 'visitorId' in subject ? subject.visitorId : null;
  await db
    .insertInto('browsingEvents')
    .values(events.map((event) => ({ merchantId, customerId, visitorId, productId: event.productId, kind: event.kind, at: event.at })))
    .execute();
}

/** Makes a visitor's events the shopper's: one indexed update. */
export async function mergeVisitorInto(db: Db, merchantId: string, visitorId: string, customerId: string): Promise<void> {
  await db
    .updateTable('browsingEvents')
    .set({ customerId, visitorId: null })
    .where('merchantId', '=', merchantId)
    .where('visitorId', '=', visitorId)
    .execute();
}

/** Drops the store's events from before `since`, and a subject's beyond its latest `keep`. */
export async function trimEvents(db: Db, merchantId: string, subject: Subject, since: Date, keep: number): Promise<void> {
  await db.deleteFrom('browsingEvents').where('merchantId', '=', merchantId).where('at', '<', since).execute();
  const [column, value] = ofSubject(subject);
  const oldestKept = await db
    .selectFrom('browsingEvents')
    .select('id')
    .where('merchantId', '=', merchantId)
    .where(column, '=', value)
    .orderBy('id', 'desc')
    .offset(keep - 1)
    .limit(1)
    .executeTakeFirst();
  if (oldestKept) {
    await db.deleteFrom('browsingEvents').where('merchantId', '=', merchantId).where(column, '=', value).where('id', '<', oldestKept.id).execute();
  }
}

/** A subject's events since `since`, latest first. */
export async function eventsOf(db: Db, merchantId: string, subject: Subject, since: Date) {
  const [column, value] = ofSubject(subject);
  return db
    .selectFrom('browsingEvents')
    .select(['productId', 'kind', 'at'])
    .where('merchantId', '=', merchantId)
    .where(column, '=', value)
    .where('at', '>=', since)
    .orderBy('at', 'desc')
    .execute();
}
