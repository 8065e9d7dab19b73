import { sql, type Kysely } from 'kysely';
import type { Clock } from '../../core/clock.ts';
import type { Logger } from '../../core/logger.ts';
import type { Merchant } from '../../core/merchant.ts';
import { repeat } from '../../core/repeating-job.ts';
import type { Database } from '../../db/schema.ts';
import { defaultEmailSettings, recordMail } from '../mail-outbox/index.ts';
import { ledgerOf } from './loyalty.repository.ts';
import { settlePoints } from './loyalty.service.ts';
import { PointsLots } from './points-ledger.ts';

const day = 86_400_000;
/** Customers looked at in one round of each job. */
const perRound = 500;

export interface PointsMailDeps {
  db: Kysely<Database>;
  clock: Clock;
  merchantById: (id: string) => Promise<Merchant | undefined>;
}

/**
 * Settles the ledgers that owe a write by now (a birthday gift, an expiry),
 * as a shopper's visit would: the gift's greeting is mailed when its entry is
 * written, so this job writes it on the day for shoppers who did not come.
 */
export async function settleDueLedgers(deps: PointsMailDeps): Promise<number> {
  const now = deps.clock();
  const due = await deps.db
    .selectFrom('customers')
    .select(['merchantId', 'id'])
    .where('pointsDueAt', '<=', now)
    .where('erasedAt', 'is', null)
    .orderBy('pointsDueAt')
    .limit(perRound)
    .execute();
  for (const customer of due) {
    const merchant = await deps.merchantById(customer.merchantId);
    if (merchant) await deps.db.transaction().execute((trx) => settlePoints(trx, merchant, customer.id, now));
  }
  return due.length;
}

/**
 * Writes a reminder for each lot of points that expires within the store's
 * notice (a week unless it set another), once per lot: the mail's event is
 * the lot's expiry, so a lot is reminded of once whatever the job's rounds.
 * Only points the lot still holds are told (spending takes the lots that
 * expire first).
 */
export async function remindExpiringPoints(deps: PointsMailDeps): Promise<number> {
  const now = deps.clock();
  const candidates = await sql<{ merchantId: string; customerId: string; noticeDays: number }>`
    select distinct e.merchant_id, e.customer_id, coalesce(s.points_expiry_notice_days, ${defaultEmailSettings.pointsExpiryNoticeDays}) as notice_days
      from points_entries e
      join customers c on c.merchant_id = e.merchant_id and c.id = e.customer_id and c.erased_at is null
      left join email_settings s on s.merchant_id = e.merchant_id
     where e.amount > 0
       and e.expires_at > ${now}::timestamptz
       and e.expires_at <= ${now}::timestamptz + coalesce(s.points_expiry_notice_days, ${defaultEmailSettings.pointsExpiryNoticeDays}) * interval '1 day'
       and not exists (
             select 1 from email_outbox o
              where o.merchant_id = e.merchant_id and o.customer_id = e.customer_id and o.kind = 'points-expiring'
                and o.event_key = (extract(epoch from e.expires_at) * 1000)::bigint::text
           )
     limit ${perRound}
  `.execute(deps.db);
  let reminded = 0;
  for (const { merchantId, customerId, noticeDays } of candidates.rows) {
    const until = now.getTime() + Number(noticeDays) * day;
    const lots = PointsLots.from(await ledgerOf(deps.db, merchantId, customerId)).lots;
    const expiring = new Map<number, number>();
    for (const lot of lots) {
      const at = lot.expiresAt?.getTime();
      if (at !== undefined && at > now.getTime() && at <= until) expiring.set(at, (expiring.get(at) ?? 0) + lot.left);
    }
    const mails = [...expiring].map(([at, points]) => ({
      customerId,
      kind: 'points-expiring' as const,
      eventKey: String(at),
      facts: { points, expiresAt: new Date(at).toISOString() },
    }));
    await recordMail(deps.db, merchantId, mails, now);
    reminded += mails.length;
  }
  return reminded;
}

/** Runs both now and then every `everyMs` (5 min). */
export function schedulePointsMail(deps: PointsMailDeps, logger: Logger, everyMs = 5 * 60_000): { stop(): Promise<void> } {
  return repeat(async () => {
    await settleDueLedgers(deps);
    await remindExpiringPoints(deps);
  }, 'points mail', logger, everyMs);
}
