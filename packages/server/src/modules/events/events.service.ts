import type { BrowsingEventBatch, BrowsingEventsRecorded } from '@clientela/contract';
import type { Kysely } from 'kysely';
import type { Clock } from '../../core/clock.ts';
import type { Merchant } from '../../core/merchant.ts';
import { ProblemError } from '../../core/problem.ts';
import type { Database } from '../../db/schema.ts';
import { eventsOf, insertEvents, knownProducts, mergeVisitorInto, trimEvents, type Subject } from './events.repository.ts';
import { mayProcess } from '../privacy/index.ts';

const day = 86_400_000;

/**
 * How much browsing is kept: 90 days, and the latest 200 events per visitor
 * or shopper (a few weeks of steady browsing). Enough for "what they looked
 * at lately", and a bound on the table whatever a page sends.
 */
export const browsingRetention = { days: 90, eventsPerSubject: 200 } as const;
/** How old an event a batch may bring: a page sends what gathered in the last seconds, or what waited for the network. */
const maxEventAgeMs = day;

interface Deps {
  db: Kysely<Database>;
  clock: Clock;
}

/**
 * Keeps a batch of views and cart adds: a shopper's when `customerId` is
 * given (with their visitor's earlier events merged in when `visitorId`
 * comes along), else the visitor's. Events naming a product the store does
 * not have, or older than a day, are not kept; one ahead of the server's
 * clock counts as now. Nothing of a shopper who refused profiling is kept.
 */
export async function recordBrowsingEvents(deps: Deps, merchant: Merchant, customerId: string | undefined, batch: BrowsingEventBatch): Promise<BrowsingEventsRecorded> {
  if (customerId === undefined && batch.visitorId === undefined) {
    throw new ProblemError('invalid-request', 'Send a visitorId, or a shopper session token', {
      errors: [{ in: 'body', field: 'visitorId', message: 'Required without a shopper session' }],
    });
  }
  if (customerId !== undefined && !(await mayProcess(deps.db, merchant.id, customerId, 'profiling'))) return { accepted: 0 };
  const subject: Subject = customerId !== undefined ? { customerId } : { visitorId: batch.visitorId! };
  const now = deps.clock().getTime();
  return deps.db.transaction().execute(async (trx) => {
    const known = await knownProducts(
      trx,
      merchant.id,
      batch.events.map((event) => event.productId),
    );
    const kept = batch.events
      .map((event) => ({ productId: event.productId, kind: event.kind, at: new Date(Math.min(Date.parse(event.at), now)) }))
      .filter((event) => known.has(event.productId) && now - event.at.getTime() <= maxEventAgeMs);
    if (customerId !== undefined && batch.visitorId !== undefined) await mergeVisitorInto(trx, merchant.id, batch.visitorId, customerId);
    await insertEvents(trx, merchant.id, subject, kept);
    await trimEvents(trx, merchant.id, subject, new Date(now - browsingRetention.days * day), browsingRetention.eventsPerSubject);
    return { accepted: kept.length };
  });
}

export interface BrowsingSignal {
  product: string;
  kind: 'viewed' | 'carted';
  at: number;
}

/**
 * What a shopper or visitor looked at and put in the cart in the last
 * `days`, latest first, for recommendations; nothing for a shopper who
 * refused profiling.
 */
export async function browsingSignalsOf(deps: Deps, merchantId: string, subject: Subject, days = 30): Promise<BrowsingSignal[]> {
  if ('customerId' in subject && !(await mayProcess(deps.db, merchantId, subject.customerId, 'profiling'))) return [];
  const since = new Date(deps.clock().getTime() - days * day);
  const rows = await eventsOf(deps.db, merchantId, subject, since);
  return rows.map((row) => ({ product: row.productId, kind: row.kind === 'cart' ? 'carted' : 'viewed', at: row.at.getTime() }));
}
