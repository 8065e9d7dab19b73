import { tiers, type Feedback, type FeedbackInput, type FeedbackReport, type Tier } from '@clientela/contract';
import type { Kysely } from 'kysely';
import type * as z from 'zod/mini';
import type { Clock } from '../../core/clock.ts';
import type { Merchant } from '../../core/merchant.ts';
import { ProblemError } from '../../core/problem.ts';
import { WithStatus } from '../../core/results.ts';
import { localDate } from '../../core/time-zone.ts';
import type { Database } from '../../db/schema.ts';
import { myOrderSummary } from '../orders/index.ts';
import { askingConsentOf } from './asking-consent.ts';
import { feedbackInMonths, findFeedback, insertFeedback } from './questions.repository.ts';

interface Deps {
  db: Kysely<Database>;
  clock: Clock;
}

const toFeedback = (row: { orderId: string; score: number; comment: string; answeredAt: Date }): Feedback => ({
  orderId: row.orderId,
  score: row.score,
  comment: row.comment,
  answeredAt: row.answeredAt.toISOString(),
});

/**
 * "¿Cómo fue tu compra?": the shopper's 0–10 and comment on one of their
 * delivered orders, once. The same feedback again is its retry (200); other
 * feedback on the same order, or feedback on an order not delivered, a 409.
 */
export async function giveFeedback(deps: Deps, merchant: Merchant, customerId: string, orderId: string, input: z.output<typeof FeedbackInput>): Promise<WithStatus<Feedback>> {
  const order = await myOrderSummary(deps.db, merchant, customerId, orderId);
  const replay = (existing: NonNullable<Awaited<ReturnType<typeof findFeedback>>>) => {
    if (existing.score !== input.score || existing.comment !== input.comment) throw new ProblemError('conflict', `Order ${orderId} was rated already`);
    return new WithStatus(toFeedback(existing), 200);
  };
  const earlier = await findFeedback(deps.db, merchant.id, orderId);
  if (earlier) return replay(earlier);
  if (order.fulfillment.status !== 'delivered') throw new ProblemError('conflict', `Order ${orderId} is ${order.fulfillment.status}, not delivered yet`);
  if ((await askingConsentOf(deps.db, merchant.id, customerId, 'satisfaction')) === 'refused') throw new ProblemError('conflict', 'The shopper did not allow satisfaction questions');
  const row = { merchantId: merchant.id, orderId, customerId, score: input.score, comment: input.comment, answeredAt: deps.clock() };
  if (await insertFeedback(deps.db, row)) return new WithStatus(toFeedback(row), 201);
  // Another request stored feedback first: answer as its retry would be answered.
  return replay((await findFeedback(deps.db, merchant.id, orderId))!);
}

interface Figures {
  responses: number;
  promoters: number;
  passives: number;
  detractors: number;
  nps: number | null;
}

/** Promoters (9–10), passives (7–8) and detractors (0–6) of these scores, and the net score: promoters' share less detractors', in points. */
export function npsOf(scores: readonly number[]): Figures {
  const promoters = scores.filter((score) => score >= 9).length;
  const detractors = scores.filter((score) => score <= 6).length;
  const responses = scores.length;
  const nps = responses === 0 ? null : Math.round(((promoters - detractors) / responses) * 1000) / 10;
  return { responses, promoters, passives: responses - promoters - detractors, detractors, nps };
}

/** The months from one to another, both included, as YYYY-MM. */
function monthsBetween(from: string, to: string): string[] {
  const months: string[] = [];
  let [year, month] = from.split('-').map(Number) as [number, number];
  for (let key = from; key <= to; key = `${year}-${String(month).padStart(2, '0')}`) {
    months.push(key);
    month += 1;
    if (month > 12) [year, month] = [year + 1, 1];
  }
  return months;
}

const maxMonths = 24;
const maxComments = 50;

/** NPS and comments per month and per tier, in the store's time zone; the last twelve months unless asked. */
export async function feedbackReport(deps: Deps, merchant: Merchant, query: { from?: string; to?: string }): Promise<FeedbackReport> {
  const to = query.to ?? localDate(deps.clock(), merchant.timeZone).slice(0, 7);
  const from = query.from ?? monthsBack(to, 11);
  const refuse = (message: string) => new ProblemError('invalid-request', `Check query.from: ${message}`, { errors: [{ in: 'query', field: 'from', message }] });
  if (from > to) throw refuse('from comes after to');
  const months = monthsBetween(from, to);
  if (months.length > maxMonths) throw refuse(`At most ${maxMonths} months at a time`);
  const rows = await feedbackInMonths(deps.db, merchant.id, merchant.timeZone, from, to);
  const byTier = (subset: typeof rows) => tiers.map((tier: Tier) => ({ tier, ...npsOf(subset.filter((row) => row.tier === tier).map((row) => row.score)) }));
  return {
    from,
    to,
    total: npsOf(rows.map((row) => row.score)),
    months: months.map((month) => {
      const inMonth = rows.filter((row) => row.month === month);
      return { month, ...npsOf(inMonth.map((row) => row.score)), byTier: byTier(inMonth) };
    }),
    byTier: byTier(rows),
    comments: rows
      .filter((row) => row.comment !== '')
      .slice(0, maxComments)
      .map((row) => ({ orderId: row.orderId, customerId: row.customerId, tier: row.tier as Tier, score: row.score, comment: row.comment, answeredAt: row.answeredAt.toISOString() })),
  };
}

function monthsBack(month: string, count: number): string {
  const [year, number] = month.split('-').map(Number) as [number, number];
  const index = year * 12 + (number - 1) - count;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}
