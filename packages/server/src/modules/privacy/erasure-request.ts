import type { ErasureStep } from '@clientela/contract';
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Merchant } from '../../core/merchant.ts';
import { ProblemError } from '../../core/problem.ts';
import { randomToken } from '../../core/random-token.ts';
import { eraseCustomer, type ErasureDeps } from './erasure.ts';

/** How long the shopper has to confirm. */
const confirmWithinMs = 15 * 60_000;

const digest = (confirmation: string) => createHash('sha256').update(confirmation).digest('hex');

const badConfirmation = (message: string) =>
  new ProblemError('invalid-request', `${message}: ask again with an empty body`, { errors: [{ in: 'body', field: 'confirmation', message }] });

/**
 * The shopper's erasure, in two steps so a slip of a finger (or a page that
 * posts on their behalf) cannot erase them: without a confirmation it hands
 * one out, valid 15 minutes (asking again replaces it); with it, it erases.
 */
export async function eraseMe(deps: ErasureDeps, merchant: Merchant, customerId: string, confirmation: string | undefined): Promise<ErasureStep> {
  const now = deps.clock();
  if (confirmation === undefined) {
    const fresh = randomToken(32);
    const expiresAt = new Date(now.getTime() + confirmWithinMs);
    const row = { confirmationHash: digest(fresh), expiresAt };
    await deps.db
      .insertInto('erasureConfirmations')
      .values({ merchantId: merchant.id, customerId, ...row })
      .onConflict((conflict) => conflict.columns(['merchantId', 'customerId']).doUpdateSet(row))
      .execute();
    return { status: 'confirm', confirmation: fresh, expiresAt: expiresAt.toISOString() };
  }
  const pending = await deps.db
    .selectFrom('erasureConfirmations')
    .select(['confirmationHash', 'expiresAt'])
    .where('merchantId', '=', merchant.id)
    .where('customerId', '=', customerId)
    .executeTakeFirst();
  if (!pending) throw badConfirmation('No erasure was asked for');
  if (!timingSafeEqual(Buffer.from(pending.confirmationHash), Buffer.from(digest(confirmation)))) throw badConfirmation('Not the confirmation given');
  if (pending.expiresAt.getTime() <= now.getTime()) throw badConfirmation('The confirmation has expired');
  return eraseCustomer(deps, merchant, customerId, 'shopper');
}
