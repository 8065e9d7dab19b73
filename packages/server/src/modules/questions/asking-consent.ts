import type { QuestionPurpose } from '@clientela/contract';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { mayProcess } from '../privacy/index.ts';

/**
 * Whether the store may ask this shopper a question of this purpose (and
 * the feedback after a delivery, a `satisfaction` question), and use the
 * answer for it: the one place the questionnaire asks.
 *
 * A preference steers what the shopper is shown and a profile answer puts
 * them in segments: both build a profile of them, so both need their consent
 * to profiling (GDPR art. 6(1)(a) and 21–22; Ley 19.628 as amended by Ley
 * 21.719, art. 8 bis), and without it they are not asked and their earlier
 * answers steer nothing. How a purchase went is asked of every shopper: the
 * store's legitimate interest in its service, answered or not at will.
 */
export async function askingConsentOf(db: Kysely<Database>, merchantId: string, customerId: string, purpose: QuestionPurpose): Promise<'allowed' | 'refused'> {
  if (purpose === 'satisfaction') return 'allowed';
  return (await mayProcess(db, merchantId, customerId, 'profiling')) ? 'allowed' : 'refused';
}
