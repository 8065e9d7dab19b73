import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { createTestApp, createTestMerchant, json, manualClock, type TestApp, type TestMerchant } from '../../testing/test-app.ts';
import { defaultCardSettings } from './statements.service.ts';

/** The default rules of a store in pesos: a cycle closing on the 20th, due ten days later. */
const settings = defaultCardSettings('CLP');

describe('store card and statements', () => {
  // Santiago is UTC−3 in January: its 20 January ends at 03:00 UTC on the 21st.
  const clock = manualClock('2026-01-05T15:00:00Z');
  let app: TestApp;
  let store: TestMerchant;
  const at = (iso: string) => {
    const target = new Date(iso).getTime();
    clock.advance(target - clock().getTime());
  };
  const post = async (path: string, body: unknown) => store.asMerchant(path, { method: 'POST', body: JSON.stringify(body) });
  const order = (id: string, total: number, installments: number, extra: Record<string, unknown> = {}) =>
    post('/v1/orders', {
      id,
      customerId: 'ana',
      currency: 'CLP',
      lines: [{ productId: 'p-1', quantity: 1, unitPrice: total }],
      total,
      payment: { method: 'store-card', installments },
      ...extra,
    });
  const asAna = async (path: string) => store.asShopper(await store.sessionFor('ana'), path);
  const statement = async (period: string, query = '') => json(await store.asShopper(await store.sessionFor('ana'), `/v1/me/statements/${period}${query}`));

  before(async () => {
    app = await createTestApp({ clock });
    store = await createTestMerchant(app, { timeZone: 'America/Santiago' });
    await store.putCustomer('ana');
    await store.putCustomer('bruno');
    await store.asMerchant('/v1/card-settings', { method: 'PUT', body: JSON.stringify(settings) });
    for (const [id, name] of [['p-1', 'Freidora de aire'], ['p-2', '=HYPERLINK("http://evil.example")']]) {
      await store.asMerchant(`/v1/products/${id}`, { method: 'PUT', body: JSON.stringify({ name, price: 1000, stock: 5 }) });
    }
    const opened = await store.asMerchant('/v1/customers/ana/card', { method: 'PUT', body: JSON.stringify({ creditLimit: 1_000_000 }) });
    assert.equal(opened.status, 200);
  });
  after(() => app.close());

  test('a purchase in 3 interest-free installments bills one per period and holds the rest against the limit', async () => {
    at('2026-01-10T15:00:00Z');
    const created = await order('o-1', 300_000, 3);
    assert.equal(created.status, 201);
    assert.deepEqual((await json(created)).installmentAmounts, [100_000, 100_000, 100_000]);

    at('2026-01-21T12:00:00Z');
    const list = await json(await asAna('/v1/me/statements'));
    assert.deepEqual(list.statements.map((s: { period: string; status: string }) => `${s.period}:${s.status}`), ['2026-02:open', '2026-01:closed']);
    const january = await statement('2026-01');
    assert.equal(january.periodStart, '2025-12-21');
    assert.equal(january.closingDate, '2026-01-20');
    assert.equal(january.dueDate, '2026-01-30');
    assert.equal(january.purchases, 100_000);
    assert.equal(january.closingBalance, 100_000);
    assert.equal(january.pendingInstallments, 200_000);
    assert.equal(january.availableCredit, 700_000);
    // Before December 2026 the CMF's phase-in counts none of an interest-free installment as non-financeable: 5 % of it is due.
    assert.deepEqual(january.minimum, { nonFinanceable: 0, financeable: 100_000, financeableShareBps: 500, interestFreeInstallmentsShareBps: 0, pastDue: 0 });
    assert.equal(january.minimumPayment, 5_000);
    assert.deepEqual(january.upcomingInstallments, [
      { period: '2026-02', dueDate: '2026-03-02', amount: 100_000 },
      { period: '2026-03', dueDate: '2026-03-30', amount: 100_000 },
      { period: '2026-04', dueDate: '2026-04-30', amount: 0 },
      { period: '2026-05', dueDate: '2026-05-30', amount: 0 },
    ]);
    assert.deepEqual(january.prepayment, {
      total: 300_000,
      plans: [{ orderId: 'o-1', description: 'Freidora de aire', purchaseTotal: 300_000, installmentsLeft: 2, scheduled: 200_000, capital: 200_000, commission: 0 }],
    });
    assert.deepEqual(january.rates, {
      revolving: { monthlyBps: 250, annualBps: 3_000, caeBps: 3_000 },
      installments: { monthlyBps: 199, annualBps: 2_388, caeBps: 2_388 },
    });
    assert.deepEqual(january.transactions.items[0].installment, { number: 1, count: 3 });
    assert.equal(january.transactions.items[0].purchaseTotal, 300_000);
  });

  test('paid in full by the due date: no interest, no fee; the next installment is billed', async () => {
    at('2026-01-25T15:00:00Z');
    assert.equal((await post('/v1/payments', { id: 'pay-1', customerId: 'ana', amount: 100_000, currency: 'CLP' })).status, 201);
    at('2026-02-01T15:00:00Z');
    assert.equal((await order('o-2', 50_000, 1)).status, 201);
    at('2026-02-21T12:00:00Z');
    const february = await statement('2026-02');
    assert.deepEqual(
      { previous: february.previousBalance, payments: february.payments, installments: february.installments, purchases: february.purchases, fees: february.fees, interest: february.interest, closing: february.closingBalance },
      { previous: 100_000, payments: 100_000, installments: 100_000, purchases: 50_000, fees: 0, interest: 0, closing: 150_000 },
    );
    assert.deepEqual(
      february.transactions.items.map((line: { kind: string; amount: number }) => `${line.kind} ${line.amount}`),
      ['installment 100000', 'payment -100000', 'purchase 50000'],
    );
  });

  test('the latest statement says what is paid and left of it, and when its minimum is overdue', async () => {
    at('2026-02-25T15:00:00Z');
    const before = (await json(await asAna('/v1/me/statements'))).statements[1];
    assert.equal(before.period, '2026-02');
    assert.deepEqual(before.settlement, { paid: 0, remaining: 150_000, minimumRemaining: 7_500, overdue: false });
    // February is due on 2 March; nothing has arrived by the 3rd.
    at('2026-03-03T15:00:00Z');
    const list = await json(await asAna('/v1/me/statements'));
    assert.deepEqual(list.statements[1].settlement, { paid: 0, remaining: 150_000, minimumRemaining: 7_500, overdue: true });
    assert.deepEqual((await statement('2026-02')).settlement, list.statements[1].settlement);
    assert.equal(list.statements[2].settlement, null, 'older statements are settled by the ones after them');
  });

  test('nothing paid by the due date: a late fee and interest on the balance carried over', async () => {
    at('2026-03-21T12:00:00Z');
    const march = await statement('2026-03');
    assert.equal(march.fees, 5_990);
    assert.equal(march.interest, 3_750);
    assert.equal(march.installments, 100_000);
    assert.equal(march.closingBalance, 150_000 + 100_000 + 5_990 + 3_750);
    assert.equal(march.pendingInstallments, 0);
    assert.equal(march.availableCredit, 1_000_000 - march.closingBalance);
    // February's minimum (5 % of its 150.000) never arrived: it is past due, and due in full now with the fee and the interest.
    assert.deepEqual(march.minimum, { nonFinanceable: 7_500 + 5_990 + 3_750, financeable: 150_000 - 7_500 + 100_000, financeableShareBps: 500, interestFreeInstallmentsShareBps: 0, pastDue: 7_500 });
    assert.equal(march.minimumPayment, 7_500 + 5_990 + 3_750 + 12_125);
    assert.ok(march.payoff.minimumOnly.months > 1);
    assert.equal(march.payoff.payInFullSaves, march.payoff.minimumOnly.totalInterest);
  });

  test('a closed statement never changes, and the database refuses to change it', async () => {
    const before = await statement('2026-01');
    at('2026-03-22T15:00:00Z');
    await post('/v1/payments', { id: 'pay-2', customerId: 'ana', amount: 20_000, currency: 'CLP' });
    assert.deepEqual(await statement('2026-01'), before);
    await assert.rejects(sql`update card_statements set closing_balance = 0`.execute(app.deps.db), /never changes/);
    await assert.rejects(sql`delete from card_statement_lines`.execute(app.deps.db), /never changes/);
  });

  test('a purchase over the available credit is refused with 409 and leaves nothing behind', async () => {
    const response = await order('o-big', 990_000, 12);
    assert.equal(response.status, 409);
    assert.equal((await json(response)).type, 'https://clientela.dev/problems/insufficient-credit');
    assert.equal((await store.asMerchant('/v1/orders', { method: 'POST', body: '{}' })).status, 400);
    const retried = await order('o-big', 990_000, 12);
    assert.equal(retried.status, 409, 'the refused order was not stored');
  });

  test('orders, payments and refunds are idempotent on their ids', async () => {
    const again = await order('o-2', 50_000, 1, { placedAt: undefined });
    assert.equal(again.status, 200);
    assert.equal((await json(again)).id, 'o-2');
    const other = await order('o-2', 60_000, 1);
    assert.equal(other.status, 409);
    assert.equal((await post('/v1/payments', { id: 'pay-1', customerId: 'ana', amount: 100_000, currency: 'CLP' })).status, 200);
    assert.equal((await post('/v1/payments', { id: 'pay-1', customerId: 'ana', amount: 1, currency: 'CLP' })).status, 409);
  });

  test('a refund cancels installments not billed yet, then credits the rest', async () => {
    at('2026-03-25T15:00:00Z');
    assert.equal((await order('o-3', 120_000, 6)).status, 201);
    // Nothing of o-3 is billed yet: a 50.000 refund cancels the last installments, no credit.
    assert.equal((await post('/v1/refunds', { id: 'r-1', orderId: 'o-3', amount: 50_000 })).status, 201);
    const orderAfter = await json(await store.asMerchant('/v1/orders', { method: 'POST', body: JSON.stringify({ id: 'o-3', customerId: 'ana', currency: 'CLP', lines: [{ productId: 'p-1', quantity: 1, unitPrice: 120_000 }], total: 120_000, payment: { method: 'store-card', installments: 6 } }) }));
    assert.deepEqual(orderAfter.installmentAmounts, [20_000, 20_000, 20_000, 10_000, 0, 0]);
    assert.equal(orderAfter.refunded.amount, 50_000);
    // o-1 is fully billed: refunding it is all credit.
    assert.equal((await post('/v1/refunds', { id: 'r-2', orderId: 'o-1', amount: 300_000 })).status, 201);
    assert.equal((await post('/v1/refunds', { id: 'r-3', orderId: 'o-1', amount: 1 })).status, 409, 'nothing left to refund');
    assert.equal((await post('/v1/refunds', { id: 'r-2', orderId: 'o-1', amount: 300_000 })).status, 200);
    const open = await statement('2026-04');
    assert.equal(open.status, 'open');
    assert.equal(open.credits, 300_000);
    assert.equal(open.pendingInstallments, 50_000);
  });

  test('transactions page by cursor, each exactly once and in order', async () => {
    at('2026-04-02T12:00:00Z');
    // A purchase first: a payment pays at most what is owed, and these add up to 19.140.
    assert.equal((await order('o-paged', 30_000, 1)).status, 201);
    for (let i = 0; i < 120; i++) {
      clock.advance(1000);
      await post('/v1/payments', { id: `small-${i}`, customerId: 'ana', amount: 100 + i, currency: 'CLP' });
    }
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const page = await statement('2026-04', `?limit=50${cursor ? `&after=${cursor}` : ''}`);
      // The small payments of this test, besides the period's other lines.
      seen.push(...page.transactions.items.filter((l: { kind: string; amount: number }) => l.kind === 'payment' && l.amount > -1000).map((l: { amount: number }) => -l.amount));
      cursor = page.transactions.nextCursor;
    } while (cursor);
    assert.deepEqual(seen, Array.from({ length: 120 }, (_, i) => 100 + i));
    const bad = await asAna('/v1/me/statements/2026-04?after=nonsense');
    assert.equal(bad.status, 400);
  });

  test('CSV export: the summary figures, then localized headers, local dates, amounts in major units, formulas defused', async () => {
    await order('o-evil', 2_000, 1, { lines: [{ productId: 'p-2', quantity: 1, unitPrice: 2_000 }] });
    const response = await asAna('/v1/me/statements/2026-04/export?locale=en');
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /^text\/csv/);
    assert.match(response.headers.get('content-disposition') ?? '', /attachment; filename=".*2026-04\.csv"/);
    const text = await response.text();
    const [summary, transactions] = text.trim().split('\r\n\r\n') as [string, string];
    const figures = Object.fromEntries(summary.split('\r\n').map((row) => row.split(',') as [string, string]));
    const april = await statement('2026-04');
    assert.equal(figures.Statement, '2026-04 (in progress)');
    assert.equal(figures['Pay by'], april.dueDate);
    assert.equal(figures['Statement balance'], String(april.closingBalance));
    assert.equal(figures['Minimum payment'], String(april.minimumPayment));
    assert.equal(figures['Available credit'], String(april.availableCredit));
    assert.equal(figures['Revolving: Monthly rate (%)'], '2.50');
    assert.equal(figures['Revolving: Annual rate (%)'], '30.00');
    assert.equal(figures['Installment purchases: CAE (%)'], '23.88');
    assert.equal(figures['Cost of prepaying'], String(april.prepayment.total));
    assert.equal(Object.keys(figures).filter((label) => label.startsWith('Due ')).length, 4);
    const rows = transactions.split('\r\n');
    assert.equal(rows[0], 'Date,Description,Installment,Type,Amount (CLP)');
    assert.ok(rows.includes('2026-03-25,Freidora de aire,1/6,Purchase,20000'), 'the first installment of o-3, on its purchase date');
    assert.ok(rows.includes('2026-03-25,Refund,,Refund,-300000'), 'the credit of the refund of o-1');
    assert.ok(rows.includes(`2026-04-02,"'=HYPERLINK(""http://evil.example"")",,Purchase,2000`), 'a formula in a product name stays text');
    const spanish = await (await asAna('/v1/me/statements/2026-01/export')).text();
    assert.match(spanish, /^Estado de cuenta,2026-01\r\n/);
    assert.match(spanish, /\r\nMonto mínimo a pagar,5000\r\n/);
    assert.match(spanish, /\r\n\r\nFecha,Descripción,Cuota,Tipo,Monto \(CLP\)\r\n2026-01-10,Freidora de aire,1\/3,Compra,100000\r\n$/);
  });

  test('the cycle follows the store time zone: 23:30 on the closing day is still in that period', async () => {
    await store.putCustomer('carla');
    await store.asMerchant('/v1/customers/carla/card', { method: 'PUT', body: JSON.stringify({ creditLimit: 500_000 }) });
    at('2026-04-21T02:30:00Z'); // 23:30 on 20 April in Santiago (UTC−4 from April)
    await post('/v1/orders', { id: 'o-late', customerId: 'carla', currency: 'CLP', lines: [{ productId: 'p-1', quantity: 1, unitPrice: 10_000 }], total: 10_000, payment: { method: 'store-card', installments: 1 } });
    at('2026-04-21T04:30:00Z');
    const april = await json(await store.asShopper(await store.sessionFor('carla'), '/v1/me/statements/2026-04'));
    assert.equal(april.status, 'closed');
    assert.equal(april.purchases, 10_000);
  });

  test("another shopper or merchant cannot see or touch this card", async () => {
    const bruno = await store.sessionFor('bruno');
    const list = await json(await store.asShopper(bruno, '/v1/me/statements'));
    assert.deepEqual(list, { account: null, statements: [] });
    assert.equal((await store.asShopper(bruno, '/v1/me/statements/2026-01')).status, 404);
    const other = await createTestMerchant(app);
    const response = await other.asMerchant('/v1/payments', { method: 'POST', body: JSON.stringify({ id: 'x', customerId: 'ana', amount: 1, currency: 'CLP' }) });
    assert.equal(response.status, 404);
    assert.equal((await other.asMerchant('/v1/refunds', { method: 'POST', body: JSON.stringify({ id: 'x', orderId: 'o-1', amount: 1 }) })).status, 404);
  });

  test('bad input names the field and changes nothing', async () => {
    const cases: Array<[unknown, string]> = [
      [{ id: 'o-x', customerId: 'ana', currency: 'USD', lines: [{ productId: 'p-1', quantity: 1, unitPrice: 1 }], total: 1, payment: { method: 'other' } }, 'currency'],
      [{ id: 'o-x', customerId: 'ana', currency: 'CLP', lines: [{ productId: 'p-1', quantity: 1, unitPrice: 1 }], total: 5, payment: { method: 'other' } }, 'total'],
      [{ id: 'o-x', customerId: 'ana', currency: 'CLP', lines: [{ productId: 'nope', quantity: 1, unitPrice: 1 }], total: 1, payment: { method: 'other' } }, 'lines.0.productId'],
      [{ id: 'o-x', customerId: 'ana', currency: 'CLP', lines: [{ productId: 'p-1', quantity: 1, unitPrice: 1 }], total: 1, payment: { method: 'store-card', installments: 49 } }, 'payment.installments'],
    ];
    for (const [body, field] of cases) {
      const response = await post('/v1/orders', body);
      assert.equal(response.status, 400, field);
      assert.equal((await json(response)).errors[0].field, field);
    }
    assert.equal((await post('/v1/orders', { ...(cases[0]![0] as object), currency: 'CLP' })).status, 201, 'o-x was never stored');
  });

  test('a payment must be a positive whole number of minor units, and only the merchant can credit one', async () => {
    const balance = async () => (await json(await asAna('/v1/me/statements'))).account.balance;
    const before = await balance();
    for (const amount of [0, -5_000, 12.5, '10000', null]) {
      const response = await post('/v1/payments', { id: 'pay-bad', customerId: 'ana', amount, currency: 'CLP' });
      assert.equal(response.status, 400, `amount ${amount}`);
      assert.match(response.headers.get('content-type') ?? '', /^application\/problem\+json/);
      const problem = await json(response);
      assert.deepEqual(problem.errors.map((error: { field: string }) => error.field), ['amount']);
    }
    const payment = JSON.stringify({ id: 'pay-from-page', customerId: 'ana', amount: 10_000, currency: 'CLP' });
    const headers = { 'content-type': 'application/json', origin: 'https://shop.example' };
    const asShopper = await app.request('/v1/payments', { method: 'POST', body: payment, headers: { ...headers, authorization: `Bearer ${await store.sessionFor('ana')}` } });
    const asPage = await app.request('/v1/payments', { method: 'POST', body: payment, headers: { ...headers, 'x-publishable-key': store.publishableKey } });
    assert.equal(asShopper.status, 401, 'a shopper session cannot credit a payment');
    assert.equal(asPage.status, 401, 'a page with the publishable key cannot either');
    assert.equal(await balance(), before, 'nothing was credited');
    assert.equal((await post('/v1/payments', { id: 'pay-bad', customerId: 'ana', amount: 1, currency: 'CLP' })).status, 201, 'pay-bad was never stored');
  });

  test('a payment pays at most everything owed, billed or not: beyond that it is a 409 naming amount, and changes nothing', async () => {
    const account = async () => (await json(await asAna('/v1/me/statements'))).account;
    const before = await account();
    const owed = before.balance + before.pendingInstallments;
    assert.ok(owed > 0, `ana owes something now (${owed})`);
    for (const [id, amount] of [['pay-1000-limits', before.creditLimit * 1_000], ['pay-owed-and-one', owed + 1]] as const) {
      const refused = await post('/v1/payments', { id, customerId: 'ana', amount, currency: 'CLP' });
      assert.equal(refused.status, 409, id);
      assert.match(refused.headers.get('content-type') ?? '', /^application\/problem\+json/);
      const problem = await json(refused);
      assert.deepEqual(problem.errors.map((error: { field: string }) => error.field), ['amount'], id);
      assert.match(problem.detail, new RegExp(`\\b${owed}\\b`), `${id}: says how much is owed`);
      assert.deepEqual(await account(), before, `${id} changed nothing`);
    }
    assert.equal((await post('/v1/payments', { id: 'pay-everything', customerId: 'ana', amount: owed, currency: 'CLP' })).status, 201);
    const paidOff = await account();
    assert.equal(paidOff.balance, -before.pendingInstallments, 'what is not billed yet is paid in advance');
    assert.equal(paidOff.availableCredit, paidOff.creditLimit, 'the available credit reaches the limit and goes no further');
    assert.equal((await post('/v1/payments', { id: 'pay-nothing-owed', customerId: 'ana', amount: 1, currency: 'CLP' })).status, 409, 'nothing is owed');
    assert.equal((await post('/v1/payments', { id: 'pay-everything', customerId: 'ana', amount: owed, currency: 'CLP' })).status, 200, 'a retry still answers what was stored');
  });
});
