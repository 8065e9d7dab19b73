import type { CardSettings } from '@clientela/contract';
import { addDays, startOfLocalDay } from '@clientela/server/core/time-zone';
import type { Database } from '@clientela/server/db/schema';
import { addMonths, CardSimulation, periodBounds, periodOf, statementRows } from '@clientela/server/modules/statements';
import type { Insertable } from 'kysely';
import { demoStream, type SeededRandom } from './random.ts';
import type { DemoCustomer, GeneratedOrder, PaymentHabit } from './shoppers.ts';

export interface CardHistory {
  accounts: Array<{ customerId: string; creditLimit: number; openedAt: Date; lastClosedPeriod: string | null }>;
  plans: Insertable<Database['cardPlans']>[];
  movements: Insertable<Database['cardMovements']>[];
  statements: Insertable<Database['cardStatements']>[];
  lines: Insertable<Database['cardStatementLines']>[];
  refunds: Insertable<Database['refunds']>[];
  /** Orders the card could not take (over the limit): they were paid another way. */
  declined: Set<string>;
}

type Event = { at: Date; apply: () => void };

/**
 * What a card holder pays of a statement, by habit: the total; exactly the
 * minimum; something between the minimum and the total, after the due date
 * one statement in four (a late fee follows); or, late every time, the
 * minimum or nothing.
 */
function paymentFor(habit: PaymentHabit, figures: { closingBalance: number; minimumPayment: number }, statementNumber: number, random: SeededRandom) {
  const { closingBalance: total, minimumPayment: minimum } = figures;
  switch (habit) {
    case 'full':
      return { amount: total, late: false };
    case 'minimum':
      return { amount: minimum, late: false };
    case 'partial':
      return { amount: minimum + Math.round((total - minimum) * (0.2 + random.next() * 0.4)), late: statementNumber % 4 === 3 };
    case 'late':
      return { amount: random.chance(0.5) ? minimum : 0, late: true };
  }
}

/**
 * A year of each card holder's account, played through the same arithmetic
 * the API closes statements with: their store-card purchases, a payment after
 * each statement as their habit has it, and the odd refund. Each card holder
 * draws from a stream of their own.
 */
export function makeCardHistory(
  now: Date,
  merchant: { id: string; currency: string; timeZone: string },
  settings: CardSettings,
  customers: DemoCustomer[],
  orders: GeneratedOrder[],
  productNames: Map<string, string>,
): CardHistory {
  const rules = { ...settings, timeZone: merchant.timeZone };
  const history: CardHistory = { accounts: [], plans: [], movements: [], statements: [], lines: [], refunds: [], declined: new Set() };
  const byCustomer = new Map<string, GeneratedOrder[]>();
  for (const order of orders) {
    if (order.order.paidWithStoreCard) byCustomer.set(order.order.customerId, [...(byCustomer.get(order.order.customerId) ?? []), order]);
  }
  for (const customer of customers) {
    if (!customer.card) continue;
    const random = demoStream(`card ${customer.id}`);
    const own = byCustomer.get(customer.id) ?? [];
    const openedAt = customer.registeredAt;
    const card = new CardSimulation(rules, customer.card.creditLimit, openedAt);
    const events: Event[] = [];
    let payments = 0;
    for (const { order, lines } of own) {
      const placedAt = order.placedAt as Date;
      events.push({
        at: placedAt,
        apply: () => {
          const plan = card.purchase(placedAt, {
            orderId: order.id,
            amount: order.total,
            installments: order.installments,
            withInterest: order.withInterest ?? false,
            description: productNames.get(lines[0]!.productId)!,
            moreItems: lines.length - 1,
          });
          if (!plan) {
            history.declined.add(order.id);
            return;
          }
          if (random.chance(0.03)) {
            const refundAt = new Date(placedAt.getTime() + random.int(3, 20) * 86_400_000);
            const amount = random.chance(0.5) ? order.total : Math.round(order.total * 0.4);
            if (refundAt < now) {
              events.push({
                at: refundAt,
                apply: () => {
                  const credit = card.refund(refundAt, order.id, amount);
                  const id = `dev-${order.id}`;
                  history.refunds.push({ merchantId: merchant.id, id, orderId: order.id, amount, reason: 'Devolución en tienda', createdAt: refundAt, requestHash: id });
                  if (credit > 0) {
                    history.movements.push({ merchantId: merchant.id, customerId: customer.id, kind: 'credit', amount: credit, occurredAt: refundAt, reference: id, orderId: order.id, requestHash: id });
                  }
                },
              });
            }
          }
        },
      });
    }
    // After each closing, the payment this customer's habit makes for it.
    const schedulePaymentAfter = (closedCount: number) => {
      const statement = card.statements[closedCount - 1];
      if (!statement || statement.figures.closingBalance <= 0) return;
      const { figures, bounds } = statement;
      const { amount, late } = paymentFor(customer.card!.habit, figures, closedCount, random);
      if (amount <= 0) return;
      const lateDays = late ? random.int(1, 12) : -random.int(0, rules.dueDays - 1);
      const day = addDays(bounds.dueDate, lateDays);
      const at = new Date(startOfLocalDay(day, rules.timeZone).getTime() + (10 + random.int(0, 10)) * 3_600_000);
      if (at >= now) return;
      events.push({
        at,
        apply: () => {
          card.pay(at, amount);
          payments++;
          const reference = `pago-${customer.id}-${payments}`;
          history.movements.push({ merchantId: merchant.id, customerId: customer.id, kind: 'payment', amount, occurredAt: at, reference, orderId: null, requestHash: reference });
        },
      });
    };
    // Play period by period, so each statement's payment can follow it.
    for (let period = periodOf(openedAt, rules); ; ) {
      const bounds = periodBounds(period, rules);
      const until = bounds.end < now ? bounds.end : now;
      for (;;) {
        events.sort((a, b) => a.at.getTime() - b.at.getTime());
        const next = events[0];
        if (!next || next.at >= until) break;
        events.shift();
        next.apply();
      }
      if (bounds.end > now) break;
      const before = card.statements.length;
      card.closeUntil(bounds.end);
      if (card.statements.length > before) schedulePaymentAfter(card.statements.length);
      period = addMonths(period, 1);
    }
    history.accounts.push({ customerId: customer.id, creditLimit: customer.card.creditLimit, openedAt, lastClosedPeriod: card.lastClosedPeriod });
    for (const plan of card.plans) {
      history.plans.push({
        ...plan,
        merchantId: merchant.id,
        customerId: customer.id,
        installmentAmounts: JSON.stringify(plan.installmentAmounts),
        installmentInterest: JSON.stringify(plan.installmentInterest),
      });
    }
    for (const statement of card.statements) {
      const rows = statementRows(merchant.id, customer.id, merchant.currency, statement.bounds, statement);
      history.statements.push(rows.statement);
      history.lines.push(...rows.lines);
    }
  }
  return history;
}
