import { sql, type Insertable, type Selectable } from 'kysely';
import type { Database, Db } from '../../db/schema.ts';
import type { IdempotencyKeyTable, LoyaltySettingsTable, PointsEntryTable, PromotionTable, RedemptionTable, RewardTable } from './loyalty.tables.ts';

/** A balance is the sum of the customer's ledger entries, added up here from the entries themselves. */
export async function pointsBalance(db: Db, merchantId: string, customerId: string): Promise<number> {
  const row = await db
    .selectFrom('pointsEntries')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('amount'), sql<number>`0`).as('balance'))
    .where('merchantId', '=', merchantId)
    .where('customerId', '=', customerId)
    .executeTakeFirstOrThrow();
  return Number(row.balance);
}

export async function appendPointsEntries(db: Db, entries: Insertable<PointsEntryTable>[]) {
  if (entries.length === 0) return [];
  return db.insertInto('pointsEntries').values(entries).returningAll().execute();
}

/** Every entry of a customer in the order it was written: the order the ledger replays in. */
export async function ledgerOf(db: Db, merchantId: string, customerId: string) {
  return db
    .selectFrom('pointsEntries')
    .select(['id', 'amount', 'reason', 'reference', 'expiresAt', 'createdAt'])
    .where('merchantId', '=', merchantId)
    .where('customerId', '=', customerId)
    .orderBy('id')
    .execute();
}

/** A page of a customer's entries, newest first, before the entry `beforeId`, each redemption with its code's state. */
export async function pointsHistory(db: Db, merchantId: string, customerId: string, limit: number, beforeId?: number) {
  let query = db
    .selectFrom('pointsEntries as e')
    .leftJoin('redemptions as r', (join) =>
      join.onRef('r.merchantId', '=', 'e.merchantId').onRef('r.id', '=', 'e.reference').on('e.reason', '=', 'redemption'),
    )
    .selectAll('e')
    .select(['r.code as redemptionCode', 'r.expiresAt as redemptionExpiresAt', 'r.usedAt as redemptionUsedAt'])
    // What the order an entry refers to bought: the product of its first line, and how many lines it had.
    .select([
      sql<string | null>`case when e.reason in ('purchase', 'promotion', 'refund') then
        (select coalesce(p.name, l.product_id) from order_lines l
           left join products p on p.merchant_id = l.merchant_id and p.id = l.product_id
          where l.merchant_id = e.merchant_id and l.order_id = e.reference order by l.line_no limit 1) end`.as('orderDescription'),
      sql<number | null>`case when e.reason in ('purchase', 'promotion', 'refund') then
        (select count(*)::integer from order_lines l where l.merchant_id = e.merchant_id and l.order_id = e.reference) end`.as('orderLines'),
    ])
    .where('e.merchantId', '=', merchantId)
    .where('e.customerId', '=', customerId);
  if (beforeId !== undefined) query = query.where('e.id', '<', beforeId);
  return query.orderBy('e.id', 'desc').limit(limit).execute();
}

export async function pointsEarnedByOrder(db: Db, merchantId: string, customerId: string, orderId: string) {
  const rows = await db
    .selectFrom('pointsEntries')
    .select(['reason', 'amount'])
    .where('merchantId', '=', merchantId)
    .where('customerId', '=', customerId)
    .where('reference', '=', orderId)
    .where('reason', 'in', ['purchase', 'promotion', 'refund'])
    .execute();
  const sum = (reasons: string[]) => rows.filter((row) => reasons.includes(row.reason)).reduce((total, row) => total + row.amount, 0);
  return { earned: sum(['purchase', 'promotion']), reversed: -sum(['refund']) };
}

export async function setPointsDueAt(db: Db, merchantId: string, customerId: string, dueAt: Date | null) {
  await db.updateTable('customers').set({ pointsDueAt: dueAt }).where('merchantId', '=', merchantId).where('id', '=', customerId).execute();
}

/** What the points ledger reads of a customer: their tier, birthday, registration and language, and when the ledger next owes a write. */
export type PointsHolder = Pick<Selectable<Database['customers']>, 'id' | 'tier' | 'birthday' | 'registeredAt' | 'pointsDueAt' | 'locale'>;

const pointsHolderColumns = ['id', 'tier', 'birthday', 'registeredAt', 'pointsDueAt', 'locale'] as const;

export async function findPointsHolder(db: Db, merchantId: string, customerId: string): Promise<PointsHolder | undefined> {
  return db.selectFrom('customers').select(pointsHolderColumns).where('merchantId', '=', merchantId).where('id', '=', customerId).executeTakeFirst();
}

/** The customer, locked until the transaction ends: every write to a customer's points goes through this lock. */
export async function lockPointsHolder(db: Db, merchantId: string, customerId: string): Promise<PointsHolder | undefined> {
  return db.selectFrom('customers').select(pointsHolderColumns).where('merchantId', '=', merchantId).where('id', '=', customerId).forUpdate().executeTakeFirst();
}

export async function findLoyaltySettings(db: Db, merchantId: string) {
  return db.selectFrom('loyaltySettings').selectAll().where('merchantId', '=', merchantId).executeTakeFirst();
}

export async function upsertLoyaltySettings(db: Db, settings: Insertable<LoyaltySettingsTable>) {
  const { merchantId: _, ...changes } = settings;
  return db
    .insertInto('loyaltySettings')
    .values(settings)
    .onConflict((conflict) => conflict.column('merchantId').doUpdateSet(changes))
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** The store's promotions, the latest to start first. */
export async function allPromotions(db: Db, merchantId: string) {
  return db.selectFrom('promotions').selectAll().where('merchantId', '=', merchantId).orderBy('startsAt', 'desc').orderBy('id').execute();
}

export async function upsertPromotion(db: Db, promotion: Insertable<PromotionTable>) {
  const { merchantId: _, id: __, ...changes } = promotion;
  return db
    .insertInto('promotions')
    .values(promotion)
    .onConflict((conflict) => conflict.columns(['merchantId', 'id']).doUpdateSet(changes))
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Promotions running at an instant. */
export async function promotionsAt(db: Db, merchantId: string, at: Date) {
  return db
    .selectFrom('promotions')
    .selectAll()
    .where('merchantId', '=', merchantId)
    .where('startsAt', '<=', at)
    .where('endsAt', '>', at)
    .execute();
}

export async function upsertReward(db: Db, reward: Insertable<RewardTable>) {
  const { merchantId: _, id: __, ...changes } = reward;
  return db
    .insertInto('rewards')
    .values(reward)
    .onConflict((conflict) => conflict.columns(['merchantId', 'id']).doUpdateSet(changes))
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** The rewards shoppers may redeem, or with `paused` every one, cheapest first. */
export async function rewardsOf(db: Db, merchantId: string, options: { paused: boolean }) {
  let query = db.selectFrom('rewards').selectAll().where('merchantId', '=', merchantId);
  if (!options.paused) query = query.where('active', '=', true);
  return query.orderBy('cost').orderBy('id').execute();
}

export async function findReward(db: Db, merchantId: string, id: string) {
  return db.selectFrom('rewards').selectAll().where('merchantId', '=', merchantId).where('id', '=', id).executeTakeFirst();
}

export async function insertRedemption(db: Db, redemption: Insertable<RedemptionTable>) {
  await db.insertInto('redemptions').values(redemption).execute();
}

export async function isRedemptionCodeTaken(db: Db, merchantId: string, code: string): Promise<boolean> {
  return (await db.selectFrom('redemptions').select('id').where('merchantId', '=', merchantId).where('code', '=', code).limit(1).executeTakeFirst()) !== undefined;
}

export async function findRedemption(db: Db, merchantId: string, id: string) {
  return db.selectFrom('redemptions').selectAll().where('merchantId', '=', merchantId).where('id', '=', id).executeTakeFirst();
}

/**
 * The redemptions with this code, with what the till shows of them: the
 * reward, the customer and who used it. Codes are drawn so that a store's
 * never repeat; two rows can only come from before that was checked.
 */
export async function redemptionsByCode(db: Db, merchantId: string, code: string) {
  return db
    .selectFrom('redemptions as r')
    .innerJoin('rewards as w', (join) => join.onRef('w.merchantId', '=', 'r.merchantId').onRef('w.id', '=', 'r.rewardId'))
    .innerJoin('customers as c', (join) => join.onRef('c.merchantId', '=', 'r.merchantId').onRef('c.id', '=', 'r.customerId'))
    .leftJoin('staff as s', (join) => join.onRef('s.merchantId', '=', 'r.merchantId').onRef('s.id', '=', 'r.usedByStaffId'))
    .selectAll('r')
    .select(['w.names as rewardNames', 'c.firstName', 'c.lastName', 's.name as usedByName', 's.role as usedByRole'])
    .where('r.merchantId', '=', merchantId)
    .where('r.code', '=', code)
    .orderBy('r.createdAt')
    .limit(2)
    .execute();
}

/** Marks a redemption used, if nobody did first; false when someone did. */
export async function markRedemptionUsed(db: Db, merchantId: string, id: string, at: Date, staffId: string | null): Promise<boolean> {
  const row = await db
    .updateTable('redemptions')
    .set({ usedAt: at, usedByStaffId: staffId })
    .where('merchantId', '=', merchantId)
    .where('id', '=', id)
    .where('usedAt', 'is', null)
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

export async function findIdempotencyKey(db: Db, merchantId: string, customerId: string, key: string) {
  return db
    .selectFrom('idempotencyKeys')
    .selectAll()
    .where('merchantId', '=', merchantId)
    .where('customerId', '=', customerId)
    .where('key', '=', key)
    .executeTakeFirst();
}

export async function insertIdempotencyKey(db: Db, row: Insertable<IdempotencyKeyTable>) {
  await db.insertInto('idempotencyKeys').values(row).execute();
}

export async function findCorrection(db: Db, merchantId: string, reference: string) {
  return db
    .selectFrom('pointsEntries')
    .selectAll()
    .where('merchantId', '=', merchantId)
    .where('reason', '=', 'correction')
    .where('reference', '=', reference)
    .executeTakeFirst();
}

/** Spend and orders of a customer over the last twelve months and ever, net of refunds. */
export async function spendOf(db: Db, merchantId: string, customerId: string, now: Date) {
  const row = await sql<{ recent: number; recentOrders: number; ever: number; lastPurchaseAt: Date | null }>`
    select coalesce(sum(total - refunded) filter (where placed_at > ${now}::timestamptz - interval '12 months'), 0)::bigint as recent,
           count(*) filter (where placed_at > ${now}::timestamptz - interval '12 months')::int as recent_orders,
           coalesce(sum(total - refunded), 0)::bigint as ever,
           max(placed_at) as last_purchase_at
      from orders
     where merchant_id = ${merchantId} and customer_id = ${customerId} and placed_at <= ${now}::timestamptz
  `.execute(db);
  return row.rows[0]!;
}
