import type { Insertable, Selectable } from 'kysely';
import type { Db } from '../../db/schema.ts';
import type { Movement, Plan } from './statement.ts';
import type { CardAccountTable, CardMovementTable, CardPlanTable, CardSettingsTable, CardStatementLineTable, CardStatementTable } from './statements.tables.ts';

export type CardSettingsRow = Selectable<CardSettingsTable>;
export type CardAccountRow = Selectable<CardAccountTable>;
export type CardStatementRow = Selectable<CardStatementTable>;

export async function findCardSettings(db: Db, merchantId: string) {
  return db.selectFrom('cardSettings').selectAll().where('merchantId', '=', merchantId).executeTakeFirst();
}

export async function upsertCardSettings(db: Db, settings: Insertable<CardSettingsTable>) {
  const { merchantId: _, ...changes } = settings;
  return db
    .insertInto('cardSettings')
    .values(settings)
    .onConflict((conflict) => conflict.column('merchantId').doUpdateSet(changes))
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** The account, locked until the transaction ends when `lock` is set: every change to a card account goes through that lock. */
export async function findCardAccount(db: Db, merchantId: string, customerId: string, lock = false) {
  let query = db.selectFrom('cardAccounts').selectAll().where('merchantId', '=', merchantId).where('customerId', '=', customerId);
  if (lock) query = query.forUpdate();
  return query.executeTakeFirst();
}

export async function upsertCardAccount(db: Db, account: Insertable<CardAccountTable>) {
  return db
    .insertInto('cardAccounts')
    .values(account)
    .onConflict((conflict) => conflict.columns(['merchantId', 'customerId']).doUpdateSet({ creditLimit: account.creditLimit }))
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function setLastClosedPeriod(db: Db, merchantId: string, customerId: string, period: string) {
  await db
    .updateTable('cardAccounts')
    .set({ lastClosedPeriod: period })
    .where('merchantId', '=', merchantId)
    .where('customerId', '=', customerId)
    .execute();
}

const toPlan = (row: Selectable<CardPlanTable>): Plan => ({
  orderId: row.orderId,
  purchasedAt: row.purchasedAt,
  firstPeriod: row.firstPeriod,
  description: row.description,
  moreItems: row.moreItems,
  amount: row.amount,
  installmentAmounts: row.installmentAmounts,
  installmentInterest: row.installmentInterest,
});

/** Plans that can still bill in `period` or later: none is longer than 48 installments. */
export async function plansFrom(db: Db, merchantId: string, customerId: string, earliestFirstPeriod: string): Promise<Plan[]> {
  const rows = await db
    .selectFrom('cardPlans')
    .selectAll()
    .where('merchantId', '=', merchantId)
    .where('customerId', '=', customerId)
    .where('firstPeriod', '>=', earliestFirstPeriod)
    .orderBy('purchasedAt')
    .orderBy('orderId')
    .execute();
  return rows.map(toPlan);
}

export async function findPlan(db: Db, merchantId: string, orderId: string): Promise<Plan | undefined> {
  const row = await db.selectFrom('cardPlans').selectAll().where('merchantId', '=', merchantId).where('orderId', '=', orderId).executeTakeFirst();
  return row && toPlan(row);
}

export async function insertPlan(db: Db, merchantId: string, customerId: string, plan: Plan) {
  await db
    .insertInto('cardPlans')
    .values({
      ...plan,
      merchantId,
      customerId,
      installmentAmounts: JSON.stringify(plan.installmentAmounts),
      installmentInterest: JSON.stringify(plan.installmentInterest),
    })
    .execute();
}

export async function updatePlanAmounts(db: Db, merchantId: string, orderId: string, schedule: { installmentAmounts: number[]; installmentInterest: number[] }) {
  await db
    .updateTable('cardPlans')
    .set({ installmentAmounts: JSON.stringify(schedule.installmentAmounts), installmentInterest: JSON.stringify(schedule.installmentInterest) })
    .where('merchantId', '=', merchantId)
    .where('orderId', '=', orderId)
    .execute();
}

export async function movementsBetween(db: Db, merchantId: string, customerId: string, start: Date, end: Date): Promise<Movement[]> {
  return db
    .selectFrom('cardMovements')
    .select(['kind', 'amount', 'occurredAt', 'orderId'])
    .where('merchantId', '=', merchantId)
    .where('customerId', '=', customerId)
    .where('occurredAt', '>=', start)
    .where('occurredAt', '<', end)
    .orderBy('occurredAt')
    .orderBy('id')
    .execute();
}

export async function findMovement(db: Db, merchantId: string, kind: 'payment' | 'credit', reference: string) {
  return db
    .selectFrom('cardMovements')
    .selectAll()
    .where('merchantId', '=', merchantId)
    .where('kind', '=', kind)
    .where('reference', '=', reference)
    .executeTakeFirst();
}

export async function insertMovement(db: Db, movement: Insertable<CardMovementTable>) {
  return db.insertInto('cardMovements').values(movement).returningAll().executeTakeFirstOrThrow();
}

export async function findStatement(db: Db, merchantId: string, customerId: string, period: string) {
  return db
    .selectFrom('cardStatements')
    .selectAll()
    .where('merchantId', '=', merchantId)
    .where('customerId', '=', customerId)
    .where('period', '=', period)
    .executeTakeFirst();
}

export async function listStatements(db: Db, merchantId: string, customerId: string) {
  return db
    .selectFrom('cardStatements')
    .select(['period', 'periodStart', 'closingDate', 'dueDate', 'dueEnd', 'closingBalance', 'minimumPayment'])
    .where('merchantId', '=', merchantId)
    .where('customerId', '=', customerId)
    .orderBy('period', 'desc')
    .execute();
}

/** Stores a closed statement with its lines: from here on the database refuses to change either. */
export async function insertStatement(db: Db, statement: Insertable<CardStatementTable>, lines: Insertable<CardStatementLineTable>[]) {
  await db.insertInto('cardStatements').values(statement).execute();
  for (let i = 0; i < lines.length; i += 1000) await db.insertInto('cardStatementLines').values(lines.slice(i, i + 1000)).execute();
}

export async function statementLines(db: Db, merchantId: string, customerId: string, period: string, afterSeq: number, limit: number) {
  return db
    .selectFrom('cardStatementLines')
    .selectAll()
    .where('merchantId', '=', merchantId)
    .where('customerId', '=', customerId)
    .where('period', '=', period)
    .where('seq', '>', afterSeq)
    .orderBy('seq')
    .limit(limit)
    .execute();
}
