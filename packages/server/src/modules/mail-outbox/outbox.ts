import type { EmailKind } from '@clientela/contract';
import { randomToken } from '../../core/random-token.ts';
import type { Db } from '../../db/schema.ts';
import { maxAttempts } from '../webhooks/index.ts';

/** A mail as a trigger asks for it: to which customer, of what kind, about which event, and what it should say. */
export interface NewMail {
  customerId: string;
  kind: EmailKind;
  eventKey: string;
  facts: Record<string, unknown>;
  /** When it may go out; now unless the trigger waits (a chat reply waits to see whether the shopper reads it first). */
  notBefore?: Date;
}

/**
 * The mail outbox: writes the mails of a change with the transaction (or
 * connection) the change is written with, so what commits is sent and what
 * rolls back never existed. A mail for an event and customer already written
 * is not written again: each goes out at most once.
 */
export async function recordMail(db: Db, merchantId: string, mails: readonly NewMail[], now: Date): Promise<void> {
  if (mails.length === 0) return;
  await db
    .insertInto('emailOutbox')
    .values(
      mails.map((mail) => ({
        merchantId,
        id: `eml_${randomToken(24)}`,
        customerId: mail.customerId,
        kind: mail.kind,
        eventKey: mail.eventKey,
        facts: JSON.stringify(mail.facts),
        status: 'pending' as const,
        maxAttempts,
        nextAttemptAt: mail.notBefore ?? now,
        createdAt: now,
      })),
    )
    .onConflict((conflict) => conflict.columns(['merchantId', 'customerId', 'kind', 'eventKey']).doNothing())
    .execute();
}
