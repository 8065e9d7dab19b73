import { sql } from 'kysely';
import type { Db } from '../../db/schema.ts';

/** Conversations with their customer's name and last message, most recently active first. */
export async function listInbox(db: Db, merchantId: string, status: string, limit: number) {
  return db
    .selectFrom('conversations as c')
    .innerJoin('customers as cu', (join) => join.onRef('cu.merchantId', '=', 'c.merchantId').onRef('cu.id', '=', 'c.customerId'))
    .leftJoin('messages as m', (join) =>
      join.onRef('m.merchantId', '=', 'c.merchantId').onRef('m.conversationId', '=', 'c.id').onRef('m.seq', '=', 'c.lastSeq'),
    )
    .select([
      'c.id',
      'c.status',
      'c.subject',
      'c.customerId',
      'c.assignedAgentId',
      'c.updatedAt',
      sql<string>`cu.first_name || ' ' || cu.last_name`.as('customerName'),
      'm.author as lastAuthor',
      'm.body as lastBody',
      'm.createdAt as lastSentAt',
    ])
    .where('c.merchantId', '=', merchantId)
    .where('c.status', '=', status)
    .orderBy('c.updatedAt', 'desc')
    .orderBy('c.id')
    .limit(limit)
    .execute();
}
