import type { Kysely } from 'kysely';
import type { Clock } from '../../core/clock.ts';
import type { Logger } from '../../core/logger.ts';
import type { Merchant } from '../../core/merchant.ts';
import { repeat } from '../../core/repeating-job.ts';
import type { Database } from '../../db/schema.ts';
import { closeDueStatements } from './statements.service.ts';

/**
 * Closes every card account's statements whose period ended, as a shopper's
 * visit would (`closeDueStatements`): statements close lazily, and their
 * mail goes out only once one is closed, so this job closes them on their
 * day for shoppers who did not come. Answers how many accounts it looked at.
 */
export async function closeDueStatementsOfAll(deps: { db: Kysely<Database>; clock: Clock }, merchantById: (id: string) => Promise<Merchant | undefined>): Promise<number> {
  const accounts = await deps.db
    .selectFrom('cardAccounts as a')
    .innerJoin('customers as c', (join) => join.onRef('c.merchantId', '=', 'a.merchantId').onRef('c.id', '=', 'a.customerId'))
    .select(['a.merchantId', 'a.customerId'])
    .where('c.erasedAt', 'is', null)
    .orderBy('a.merchantId')
    .execute();
  for (const account of accounts) {
    const merchant = await merchantById(account.merchantId);
    if (merchant) await closeDueStatements(deps, merchant, account.customerId);
  }
  return accounts.length;
}

/** Runs `closeDueStatementsOfAll` now and then every `everyMs` (15 min). */
export function scheduleStatementClosing(deps: { db: Kysely<Database>; clock: Clock }, merchantById: (id: string) => Promise<Merchant | undefined>, logger: Logger, everyMs = 15 * 60_000) {
  return repeat(() => closeDueStatementsOfAll(deps, merchantById), 'statement closing', logger, everyMs);
}
