import type { CustomerExport, Locale, Tier } from '@clientela/contract';
import type { Clock } from '../../core/clock.ts';
import type { Merchant } from '../../core/merchant.ts';
import { notFound } from '../../core/problem.ts';
import type { Db } from '../../db/schema.ts';
import { balanceOf } from '../loyalty/index.ts';
import { wholeAccessLog } from './access-log.ts';
import { consentsOf } from './consent-store.ts';

const iso = (date: Date) => date.toISOString();

/** Node 20 has no `Map.groupBy`. */
function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}
const isoOrNull = (date: Date | null) => (date === null ? null : date.toISOString());

/**
 * Everything the store holds about the customer (GDPR arts. 15 and 20; Ley
 * 19.628 as Ley 21.719 amends it: access and portability), with the
 * store's own figure about them (their tier).
 */
export async function exportCustomer(deps: { db: Db; clock: Clock }, merchant: Merchant, customerId: string): Promise<CustomerExport> {
  const m = merchant.id;
  const customer = await deps.db.selectFrom('customers').selectAll().where('merchantId', '=', m).where('id', '=', customerId).executeTakeFirst();
  if (!customer) throw notFound(`Customer ${customerId}`);
  const db = deps.db;
  const [orders, lines, ledger, balance, redemptions, account, statements, statementLines, movements, wishlist, notifications, conversations, messages, browsing, notes, consents, accessLog] =
    await Promise.all([
      db.selectFrom('orders').selectAll().where('merchantId', '=', m).where('customerId', '=', customerId).orderBy('placedAt').execute(),
      db
        .selectFrom('orderLines')
        .innerJoin('orders', (join) => join.onRef('orders.merchantId', '=', 'orderLines.merchantId').onRef('orders.id', '=', 'orderLines.orderId'))
        .select(['orderLines.orderId', 'orderLines.productId', 'orderLines.quantity', 'orderLines.unitPrice'])
        .where('orders.merchantId', '=', m)
        .where('orders.customerId', '=', customerId)
        .orderBy('orderLines.lineNo')
        .execute(),
      db.selectFrom('pointsEntries').selectAll().where('merchantId', '=', m).where('customerId', '=', customerId).orderBy('id').execute(),
      balanceOf(deps, merchant, customerId),
      db.selectFrom('redemptions').selectAll().where('merchantId', '=', m).where('customerId', '=', customerId).orderBy('createdAt').execute(),
      db.selectFrom('cardAccounts').selectAll().where('merchantId', '=', m).where('customerId', '=', customerId).executeTakeFirst(),
      db.selectFrom('cardStatements').selectAll().where('merchantId', '=', m).where('customerId', '=', customerId).orderBy('period').execute(),
      db.selectFrom('cardStatementLines').selectAll().where('merchantId', '=', m).where('customerId', '=', customerId).orderBy('period').orderBy('seq').execute(),
      db.selectFrom('cardMovements').selectAll().where('merchantId', '=', m).where('customerId', '=', customerId).orderBy('occurredAt').execute(),
      db.selectFrom('wishlistItems').selectAll().where('merchantId', '=', m).where('customerId', '=', customerId).orderBy('addedAt').execute(),
      db.selectFrom('notifications').selectAll().where('merchantId', '=', m).where('customerId', '=', customerId).orderBy('id').execute(),
      db.selectFrom('conversations').selectAll().where('merchantId', '=', m).where('customerId', '=', customerId).orderBy('createdAt').execute(),
      db
        .selectFrom('messages')
        .innerJoin('conversations', (join) => join.onRef('conversations.merchantId', '=', 'messages.merchantId').onRef('conversations.id', '=', 'messages.conversationId'))
        .select(['messages.conversationId', 'messages.author', 'messages.body', 'messages.createdAt'])
        .where('conversations.merchantId', '=', m)
        .where('conversations.customerId', '=', customerId)
        .orderBy('messages.seq')
        .execute(),
      db.selectFrom('browsingEvents').select(['productId', 'kind', 'at']).where('merchantId', '=', m).where('customerId', '=', customerId).orderBy('id').execute(),
      db.selectFrom('customerNotes').select(['body', 'createdAt']).where('merchantId', '=', m).where('customerId', '=', customerId).orderBy('id').execute(),
      consentsOf(db, m, customerId),
      wholeAccessLog(db, m, customerId),
    ]);
  const linesOf = groupBy(lines, (line) => line.orderId);
  const messagesOf = groupBy(messages, (message) => message.conversationId);
  const statementLinesOf = groupBy(statementLines, (line) => line.period);
  return {
    format: 'clientela.customer-export/1',
    exportedAt: iso(deps.clock()),
    store: { id: merchant.id, name: merchant.name, currency: merchant.currency },
    profile: {
      id: customer.id,
      firstName: customer.firstName,
      lastName: customer.lastName,
      email: customer.email,
      phone: customer.phone,
      locale: customer.locale as Locale | null,
      birthday: customer.birthday,
      registeredAt: iso(customer.registeredAt),
      tier: customer.tier as Tier,
    },
    orders: orders.map((order) => ({
      id: order.id,
      placedAt: iso(order.placedAt),
      total: order.total,
      refunded: order.refunded,
      currency: order.currency,
      paidWithStoreCard: order.paidWithStoreCard,
      installments: order.installments,
      lines: (linesOf.get(order.id) ?? []).map(({ productId, quantity, unitPrice }) => ({ productId, quantity, unitPrice })),
    })),
    points: {
      balance,
      ledger: ledger.map((entry) => ({ amount: entry.amount, reason: entry.reason, reference: entry.reference, label: entry.label, at: iso(entry.createdAt), expiresAt: isoOrNull(entry.expiresAt) })),
      redemptions: redemptions.map((row) => ({ id: row.id, rewardId: row.rewardId, cost: row.cost, at: iso(row.createdAt), usedAt: isoOrNull(row.usedAt) })),
    },
    card: account
      ? {
          creditLimit: account.creditLimit,
          openedAt: iso(account.openedAt),
          statements: statements.map((statement) => ({
            period: statement.period,
            closingDate: statement.closingDate,
            dueDate: statement.dueDate,
            closingBalance: statement.closingBalance,
            minimumPayment: statement.minimumPayment,
            lines: (statementLinesOf.get(statement.period) ?? []).map((line) => ({
              kind: line.kind,
              at: iso(line.occurredAt),
              description: line.description,
              amount: line.amount,
              installment: line.installmentNumber === null ? null : `${line.installmentNumber}/${line.installmentCount}`,
            })),
          })),
          payments: movements.map((movement) => ({ kind: movement.kind, amount: movement.amount, at: iso(movement.occurredAt), reference: movement.reference })),
        }
      : null,
    wishlist: wishlist.map((item) => ({ productId: item.productId, note: item.note, alertPriceDrop: item.alertPriceDrop, alertBackInStock: item.alertBackInStock, addedAt: iso(item.addedAt) })),
    notifications: notifications.map((row) => ({ kind: row.kind, productId: row.productId, price: row.price, previousPrice: row.previousPrice, at: iso(row.createdAt), readAt: isoOrNull(row.readAt) })),
    conversations: conversations.map((conversation) => ({
      id: conversation.id,
      subject: conversation.subject,
      status: conversation.status,
      startedAt: iso(conversation.createdAt),
      rating: conversation.rating,
      ratingComment: conversation.ratingComment,
      messages: (messagesOf.get(conversation.id) ?? []).map((message) => ({ author: message.author, body: message.body, at: iso(message.createdAt) })),
    })),
    browsing: browsing.map((event) => ({ productId: event.productId, kind: event.kind, at: iso(event.at) })),
    staffNotes: notes.map((note) => ({ body: note.body, at: iso(note.createdAt) })),
    consents,
    accessLog,
  };
}
