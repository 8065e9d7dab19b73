import type { AnswerValue } from '@clientela/contract';
import { sql, type Expression, type Insertable, type SqlBool } from 'kysely';
import type { Db } from '../../db/schema.ts';
import { itemNamesOfOrder } from '../orders/index.ts';
import type { AnswerTable, OrderFeedbackTable, QuestionTable } from './questions.tables.ts';

export async function findQuestion(db: Db, merchantId: string, id: string) {
  return db.selectFrom('questions').selectAll().where('merchantId', '=', merchantId).where('id', '=', id).executeTakeFirst();
}

export async function questionsOf(db: Db, merchantId: string) {
  return db.selectFrom('questions').selectAll().where('merchantId', '=', merchantId).orderBy('position').orderBy('id').execute();
}

export async function upsertQuestion(db: Db, row: Insertable<QuestionTable>) {
  const { merchantId: _, id: __, createdAt: ___, ...changes } = row;
  return db
    .insertInto('questions')
    .values(row)
    .onConflict((conflict) => conflict.columns(['merchantId', 'id']).doUpdateSet(changes))
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function intervalDaysOf(db: Db, merchantId: string): Promise<number | undefined> {
  const row = await db.selectFrom('questionnaireSettings').select('intervalDays').where('merchantId', '=', merchantId).executeTakeFirst();
  return row?.intervalDays;
}

export async function putIntervalDays(db: Db, merchantId: string, intervalDays: number) {
  await db
    .insertInto('questionnaireSettings')
    .values({ merchantId, intervalDays })
    .onConflict((conflict) => conflict.column('merchantId').doUpdateSet({ intervalDays }))
    .execute();
}

/** The customer's row, locked: their answers are written one at a time, so the same answer twice is stored once. */
export async function lockCustomer(db: Db, merchantId: string, customerId: string) {
  return db.selectFrom('customers').select('id').where('merchantId', '=', merchantId).where('id', '=', customerId).forUpdate().executeTakeFirst();
}

export async function latestAnswer(db: Db, merchantId: string, customerId: string, questionId: string) {
  return db
    .selectFrom('answers')
    .selectAll()
    .where('merchantId', '=', merchantId)
    .where('customerId', '=', customerId)
    .where('questionId', '=', questionId)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function insertAnswer(db: Db, row: Omit<Insertable<AnswerTable>, 'value'> & { value: AnswerValue }) {
  return db
    .insertInto('answers')
    .values({ ...row, value: JSON.stringify(row.value) })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Every answer of a customer, newest first, with the question's prompt and purpose. */
export async function answersOf(db: Db, merchantId: string, customerId: string) {
  return db
    .selectFrom('answers as a')
    .innerJoin('questions as q', (join) => join.onRef('q.merchantId', '=', 'a.merchantId').onRef('q.id', '=', 'a.questionId'))
    .select(['a.questionId', 'a.value', 'a.answeredAt', 'a.pointsAwarded', 'q.prompt', 'q.purpose'])
    .where('a.merchantId', '=', merchantId)
    .where('a.customerId', '=', customerId)
    .orderBy('a.id', 'desc')
    .execute();
}

/** The latest answer of a customer to each of the store's questions of a purpose, with the question's choices now. */
export async function latestAnswersFor(db: Db, merchantId: string, customerId: string, purpose: string) {
  return db
    .selectFrom('answers as a')
    .innerJoin('questions as q', (join) => join.onRef('q.merchantId', '=', 'a.merchantId').onRef('q.id', '=', 'a.questionId'))
    .distinctOn('a.questionId')
    .select(['a.questionId', 'a.value', 'q.choices'])
    .where('a.merchantId', '=', merchantId)
    .where('a.customerId', '=', customerId)
    .where('q.purpose', '=', purpose)
    .orderBy('a.questionId')
    .orderBy('a.id', 'desc')
    .execute();
}

/** When the customer last answered anything: a question or feedback on an order. */
export async function lastAnsweredAt(db: Db, merchantId: string, customerId: string): Promise<Date | null> {
  const { rows } = await sql<{ at: Date | null }>`
    select greatest(
      (select max(answered_at) from answers where merchant_id = ${merchantId} and customer_id = ${customerId}),
      (select max(answered_at) from order_feedback where merchant_id = ${merchantId} and customer_id = ${customerId})
    ) as at
  `.execute(db);
  return rows[0]?.at ?? null;
}

/** The first active question, in the store's order, the customer never answered, among these purposes. */
export async function firstUnanswered(db: Db, merchantId: string, customerId: string, purposes: string[]) {
  if (purposes.length === 0) return undefined;
  return db
    .selectFrom('questions as q')
    .selectAll()
    .where('q.merchantId', '=', merchantId)
    .where('q.active', '=', true)
    .where('q.purpose', 'in', purposes)
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('answers as a').select('a.id').whereRef('a.merchantId', '=', 'q.merchantId').whereRef('a.questionId', '=', 'q.id').where('a.customerId', '=', customerId))),
    )
    .orderBy('q.position')
    .orderBy('q.id')
    .limit(1)
    .executeTakeFirst();
}

/** The customer's order delivered most recently since `since` that they have not rated, with its products' names. */
export async function deliveredUnrated(db: Db, merchantId: string, customerId: string, since: Date) {
  const { rows } = await sql<{ id: string; placedAt: Date; items: string[] }>`
    select o.id, o.placed_at as "placedAt", ${itemNamesOfOrder} as items
      from orders o
      join lateral (select status, at from fulfillment_changes f
                     where f.merchant_id = o.merchant_id and f.order_id = o.id order by seq desc limit 1) now on true
     where o.merchant_id = ${merchantId} and o.customer_id = ${customerId}
       and now.status = 'delivered' and now.at >= ${since}
       and not exists (select 1 from order_feedback r where r.merchant_id = o.merchant_id and r.order_id = o.id)
     order by now.at desc, o.id
     limit 1
  `.execute(db);
  return rows[0];
}

export async function findFeedback(db: Db, merchantId: string, orderId: string) {
  return db.selectFrom('orderFeedback').selectAll().where('merchantId', '=', merchantId).where('orderId', '=', orderId).executeTakeFirst();
}

/** Stores feedback unless the order has some already; answers whether it did. */
export async function insertFeedback(db: Db, row: Insertable<OrderFeedbackTable>): Promise<boolean> {
  const result = await db.insertInto('orderFeedback').values(row).onConflict((conflict) => conflict.columns(['merchantId', 'orderId']).doNothing()).executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function feedbackOf(db: Db, merchantId: string, customerId: string) {
  return db.selectFrom('orderFeedback').selectAll().where('merchantId', '=', merchantId).where('customerId', '=', customerId).orderBy('answeredAt', 'desc').execute();
}

/** Feedback answered in these months (YYYY-MM, in the time zone), with each customer's tier now and the month. */
export async function feedbackInMonths(db: Db, merchantId: string, timeZone: string, from: string, to: string) {
  const { rows } = await sql<{ orderId: string; customerId: string; tier: string; score: number; comment: string; answeredAt: Date; month: string }>`
    select f.order_id as "orderId", f.customer_id as "customerId", c.tier, f.score, f.comment, f.answered_at as "answeredAt",
           to_char(f.answered_at at time zone ${timeZone}, 'YYYY-MM') as month
      from order_feedback f join customers c on c.merchant_id = f.merchant_id and c.id = f.customer_id
     where f.merchant_id = ${merchantId}
       and to_char(f.answered_at at time zone ${timeZone}, 'YYYY-MM') between ${from} and ${to}
     order by f.answered_at desc, f.order_id
  `.execute(db);
  return rows;
}

/**
 * A condition on the customer `c`: their latest answer to the question
 * picked this choice (or gave this score).
 */
export function latestAnswerPicked(questionId: string, pick: string): Expression<SqlBool> {
  return sql<SqlBool>`exists (
    select 1 from answers a
     where a.merchant_id = c.merchant_id and a.customer_id = c.id and a.question_id = ${questionId}
       and a.id = (select max(b.id) from answers b where b.merchant_id = a.merchant_id and b.customer_id = a.customer_id and b.question_id = a.question_id)
       and ((a.value -> 'choices') @> jsonb_build_array(${pick}::text) or (a.value ->> 'score') = ${pick})
  )`;
}
