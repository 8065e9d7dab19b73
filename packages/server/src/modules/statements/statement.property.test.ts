import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import { createTestApp, createTestMerchant, json, manualClock, type TestApp, type TestMerchant } from '../../testing/test-app.ts';
import { CardSimulation } from './card-simulation.ts';
import { addMonths } from './cycle.ts';
import { minimumPayment, payoffPayingMinimum } from './minimum-payment.ts';
import { largestPayment } from './statement.ts';
import { defaultCardSettings } from './statements.service.ts';

const rules = { ...defaultCardSettings('CLP'), timeZone: 'America/Santiago' };
const limit = 2_000_000;
const start = new Date('2026-01-03T15:00:00Z');

type Event =
  | { kind: 'purchase'; hours: number; amount: number; installments: number; withInterest: boolean }
  | { kind: 'payment'; hours: number; amount: number }
  | { kind: 'refund'; hours: number; which: number; share: number };

/** Random card histories over about a year: purchases in installments, payments of any size, partial and full refunds. */
const history = fc.array(
  fc.oneof(
    fc.record({
      kind: fc.constant('purchase' as const),
      hours: fc.integer({ min: 1, max: 24 * 40 }),
      amount: fc.integer({ min: 1_000, max: 600_000 }),
      installments: fc.constantFrom(1, 3, 6, 12),
      withInterest: fc.boolean(),
    }),
    fc.record({ kind: fc.constant('payment' as const), hours: fc.integer({ min: 1, max: 24 * 40 }), amount: fc.integer({ min: 1, max: 400_000 }) }),
    fc.record({
      kind: fc.constant('refund' as const),
      hours: fc.integer({ min: 1, max: 24 * 20 }),
      which: fc.nat(),
      share: fc.double({ min: 0.05, max: 1, noNaN: true }),
    }),
  ),
  { minLength: 1, maxLength: 25 },
);

/** Plays a history on the in-memory account; returns what the statements and the open period say at the end. */
function simulate(events: Event[]) {
  const card = new CardSimulation(rules, limit, start);
  let now = start.getTime();
  let orders = 0;
  const refundable: Array<{ orderId: string; left: number }> = [];
  let paid = 0;
  let refunded = 0;
  for (const event of events) {
    now += event.hours * 3_600_000;
    const at = new Date(now);
    if (event.kind === 'purchase') {
      const orderId = `o-${++orders}`;
      const plan = card.purchase(at, { orderId, amount: event.amount, installments: event.installments, withInterest: event.withInterest, description: 'x', moreItems: 0 });
      if (plan) refundable.push({ orderId, left: event.amount });
    } else if (event.kind === 'payment') {
      if (event.amount <= largestPayment(card.open(at).figures)) {
        card.pay(at, event.amount);
        paid += event.amount;
      }
    } else if (refundable.length > 0) {
      const target = refundable[event.which % refundable.length]!;
      const amount = Math.max(1, Math.floor(target.left * event.share));
      if (amount <= target.left) {
        card.refund(at, target.orderId, amount);
        target.left -= amount;
        refunded += amount;
      }
    }
  }
  const end = new Date(now + 40 * 24 * 3_600_000);
  const open = card.open(end);
  return { card, open, paid, refunded };
}

describe('store-card invariants over random histories', () => {
  test('closing = previous + charges − payments − credits, and available = limit − everything owed', () => {
    fc.assert(
      fc.property(history, (events) => {
        const { card, open, paid, refunded } = simulate(events);
        for (const { figures: f, bounds } of [...card.statements, open]) {
          const charges = f.purchases + f.installments + f.fees + f.interest;
          assert.equal(f.closingBalance, f.previousBalance + charges - f.payments - f.credits, bounds.period);
          assert.equal(f.availableCredit, f.creditLimit - f.closingBalance - f.pendingInstallments, bounds.period);
          assert.ok(f.minimumPayment >= 0 && f.minimumPayment <= Math.max(0, f.closingBalance), bounds.period);
        }
        // Nothing is lost between periods: what is owed equals all charges less all money in.
        const billedTotal = card.plans.reduce((sum, plan) => sum + plan.installmentAmounts.reduce((a, b) => a + b, 0), 0);
        const feesAndInterest = [...card.statements, open].reduce((sum, s) => sum + s.figures.fees + s.figures.interest, 0);
        const credits = card.movements.filter((m) => m.kind === 'credit').reduce((sum, m) => sum + m.amount, 0);
        const refundedByCancelling = refunded - credits;
        const planTotals = card.plans.reduce((sum, plan) => sum + plan.amount, 0);
        assert.ok(refundedByCancelling >= 0);
        assert.equal(open.figures.closingBalance + open.figures.pendingInstallments, billedTotal + feesAndInterest - paid - credits);
        // Interest-free plans bill exactly what was bought, less what refunds cancelled.
        const interestFree = card.plans.every((plan) => plan.installmentAmounts.length === 1);
        if (interestFree) assert.equal(billedTotal, planTotals - refundedByCancelling);
      }),
      { numRuns: 300 },
    );
  });
});

describe('revolving credit over random histories', () => {
  const share = (amount: number, bps: number) => Math.round((amount * bps) / 10_000);

  test('the minimum never exceeds the balance, and is below it whenever some of it is financeable', () => {
    fc.assert(
      fc.property(history, (events) => {
        const { card, open } = simulate(events);
        for (const { figures: f, disclosures: d, bounds } of [...card.statements, open]) {
          const balance = Math.max(0, f.closingBalance);
          assert.equal(d.minimum.nonFinanceable + d.minimum.financeable, balance, `${bounds.period}: the parts add up to the balance`);
          assert.ok(f.minimumPayment >= 0 && f.minimumPayment <= balance, bounds.period);
          if (d.minimum.financeable >= 2) assert.ok(f.minimumPayment < balance, `${bounds.period}: something financeable revolves`);
          assert.ok(f.minimumPayment >= d.minimum.nonFinanceable, `${bounds.period}: the non-financeable part is due in full`);
        }
      }),
      { numRuns: 300 },
    );
  });

  test('revolving interest is charged only on what was left of the previous statement at its due date', () => {
    fc.assert(
      fc.property(history, (events) => {
        const { card, open } = simulate(events);
        const statements = [...card.statements, open];
        for (const [i, current] of statements.entries()) {
          const previous = statements[i - 1];
          const carriedOver = previous && addMonths(previous.bounds.period, 1) === current.bounds.period;
          if (!carriedOver) {
            assert.equal(current.figures.interest, 0, `${current.bounds.period}: nothing was carried`);
            continue;
          }
          const paidByDue = card.movements
            .filter((m) => m.occurredAt >= current.bounds.start && m.occurredAt < previous.bounds.dueEnd)
            .reduce((sum, m) => sum + m.amount, 0);
          const dueDatePassed = current === open ? false : true;
          const carried = Math.max(0, previous.figures.closingBalance - paidByDue);
          if (dueDatePassed) assert.equal(current.figures.interest, share(carried, rules.monthlyInterestBps), current.bounds.period);
          if (paidByDue >= previous.figures.closingBalance) assert.equal(current.figures.interest, 0, `${current.bounds.period}: paid in full by the due date`);
          // At least the minimum by the due date: no fee, whatever revolves.
          if (dueDatePassed && paidByDue >= previous.figures.minimumPayment) assert.equal(current.figures.fees, 0, current.bounds.period);
          if (dueDatePassed && paidByDue < previous.figures.minimumPayment) assert.equal(current.figures.fees, rules.lateFee, current.bounds.period);
        }
      }),
      { numRuns: 300 },
    );
  });

  test('the payoff hint starts from the very minimum the statement asks for', () => {
    fc.assert(
      fc.property(history, (events) => {
        const { card, open } = simulate(events);
        for (const { figures: f, disclosures: d, bounds } of [...card.statements, open]) {
          assert.equal(f.minimumPayment, minimumPayment(d.minimum, rules), bounds.period);
          const payoff = payoffPayingMinimum(d.minimum, rules);
          assert.deepEqual({ months: f.payoffMonths, interest: f.payoffInterest }, payoff, bounds.period);
          const balance = Math.max(0, f.closingBalance);
          if (balance > 0 && f.minimumPayment === balance) assert.deepEqual(payoff, { months: 1, interest: 0 }, `${bounds.period}: the minimum is the whole balance`);
          if (f.minimumPayment < balance) assert.ok(payoff.months === null || payoff.months > 1, bounds.period);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('the service closes the same statements as the arithmetic, and never changes them after', () => {
  const clock = manualClock(start);
  let app: TestApp;
  let store: TestMerchant;
  let customers = 0;

  before(async () => {
    app = await createTestApp({ clock });
    store = await createTestMerchant(app, { timeZone: rules.timeZone });
    await store.asMerchant('/v1/card-settings', {
      method: 'PUT',
      body: JSON.stringify({ ...rules, timeZone: undefined, defaultCreditLimit: limit }),
    });
    await store.asMerchant('/v1/products/p', { method: 'PUT', body: JSON.stringify({ name: 'x', price: 1, stock: 1 }) });
  });
  after(() => app.close());

  test('random histories through the API', async () => {
    await fc.assert(
      fc.asyncProperty(history, async (events) => {
        clock.advance(start.getTime() - clock().getTime());
        const customerId = `c-${++customers}`;
        await store.putCustomer(customerId);
        await store.asMerchant(`/v1/customers/${customerId}/card`, { method: 'PUT', body: JSON.stringify({ creditLimit: limit }) });
        const post = (path: string, body: unknown) => store.asMerchant(path, { method: 'POST', body: JSON.stringify(body) });
        const read = async (period: string) => json(await store.asShopper(await store.sessionFor(customerId), `/v1/me/statements/${period}?limit=500`));
        const firstSeen = new Map<string, unknown>();
        const refundable: Array<{ orderId: string; left: number }> = [];
        let n = 0;
        for (const event of events) {
          clock.advance(event.hours * 3_600_000);
          n++;
          if (event.kind === 'purchase') {
            const orderId = `${customerId}-o-${n}`;
            const response = await post('/v1/orders', {
              id: orderId,
              customerId,
              currency: 'CLP',
              lines: [{ productId: 'p', quantity: 1, unitPrice: event.amount }],
              total: event.amount,
              payment: { method: 'store-card', installments: event.installments, withInterest: event.withInterest },
            });
            assert.ok(response.status === 201 || response.status === 409, `order: ${response.status}`);
            if (response.status === 201) refundable.push({ orderId, left: event.amount });
          } else if (event.kind === 'payment') {
            // More than is owed is refused (409), as the arithmetic refuses it: the statements compared below tell.
            const response = await post('/v1/payments', { id: `${customerId}-p-${n}`, customerId, amount: event.amount, currency: 'CLP' });
            assert.ok(response.status === 201 || response.status === 409, `payment: ${response.status}`);
          } else if (refundable.length > 0) {
            const target = refundable[event.which % refundable.length]!;
            const amount = Math.max(1, Math.floor(target.left * event.share));
            if (amount <= target.left) {
              assert.equal((await post('/v1/refunds', { id: `${customerId}-r-${n}`, orderId: target.orderId, amount })).status, 201);
              target.left -= amount;
            }
          }
          const list = await json(await store.asShopper(await store.sessionFor(customerId), '/v1/me/statements'));
          for (const summary of list.statements) {
            if (summary.status === 'closed' && !firstSeen.has(summary.period)) firstSeen.set(summary.period, await read(summary.period));
          }
        }
        clock.advance(40 * 24 * 3_600_000);
        const { card } = simulate(events);
        const list = await json(await store.asShopper(await store.sessionFor(customerId), '/v1/me/statements'));
        const closed = list.statements.filter((s: { status: string }) => s.status === 'closed').map((s: { period: string }) => s.period).reverse();
        assert.deepEqual(closed, card.statements.map((s) => s.bounds.period));
        for (const expected of card.statements) {
          const actual = await read(expected.bounds.period);
          const { payoffMonths, payoffInterest, ...figures } = expected.figures;
          for (const [name, value] of Object.entries(figures)) assert.equal(actual[name], value, `${expected.bounds.period} ${name}`);
          assert.equal(actual.payoff.minimumOnly.months, payoffMonths);
          assert.equal(actual.payoff.minimumOnly.totalInterest, payoffInterest);
          assert.equal(actual.transactionCount, expected.lines.length);
          // The settlement is what has been paid of it since: the only part that may move.
          const { settlement: _, ...closed } = actual;
          if (firstSeen.has(expected.bounds.period)) {
            const { settlement: __, ...first } = firstSeen.get(expected.bounds.period) as typeof actual;
            assert.deepEqual(closed, first, `${expected.bounds.period} unchanged since it closed`);
          }
        }
        assert.ok(closed.length === 0 || addMonths(closed.at(-1)!, 1) <= list.statements[0].period);
      }),
      { numRuns: 12 },
    );
  });
});
