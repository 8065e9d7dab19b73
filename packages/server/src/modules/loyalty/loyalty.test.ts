import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { localDate } from '../../core/time-zone.ts';
import { createTestApp, createTestMerchant, json, manualClock, type TestApp, type TestMerchant } from '../../testing/test-app.ts';
import { maxPointsBalance } from './earning.ts';
import { pointsBalance } from './loyalty.repository.ts';
import { recomputeDueTiers } from './tier-schedule.ts';
import { recomputeTiers } from './tiers.ts';

const day = 86_400_000;
const rules = {
  spendPerPoint: 100,
  tierMultipliers: { top: 20_000, large: 15_000, medium: 12_500, small: 10_000, inactive: 10_000, potential: 10_000 },
  birthdayBonus: 500,
  pointsLifetimeDays: 365,
  expectedLifespanYears: 3,
};

async function loyalStore(app: TestApp) {
  const store = await createTestMerchant(app, { timeZone: 'America/Santiago' });
  await store.asMerchant('/v1/loyalty-settings', { method: 'PUT', body: JSON.stringify(rules) });
  await store.asMerchant('/v1/products/p', { method: 'PUT', body: JSON.stringify({ name: 'Producto', price: 1000, stock: 10 }) });
  for (const [id, cost] of [['cafe', 800], ['cupon', 4000]] as const) {
    await store.asMerchant(`/v1/rewards/${id}`, { method: 'PUT', body: JSON.stringify({ name: id === 'cafe' ? 'Café' : 'Cupón', cost }) });
  }
  const order = (id: string, customerId: string, total: number) =>
    store.asMerchant('/v1/orders', {
      method: 'POST',
      body: JSON.stringify({ id, customerId, currency: 'CLP', lines: [{ productId: 'p', quantity: 1, unitPrice: total }], total, payment: { method: 'other' } }),
    });
  const redeem = async (customerId: string, rewardId: string, key = randomUUID()) =>
    store.asShopper(await store.sessionFor(customerId), '/v1/me/redemptions', {
      method: 'POST',
      headers: { 'idempotency-key': key, 'content-type': 'application/json' },
      body: JSON.stringify({ rewardId }),
    });
  const points = async (customerId: string) => json(await store.asShopper(await store.sessionFor(customerId), '/v1/me/points'));
  const history = async (customerId: string, query = '') => json(await store.asShopper(await store.sessionFor(customerId), `/v1/me/points/history${query}`));
  return { store, order, redeem, points, history };
}

describe('points ledger', () => {
  const clock = manualClock('2026-03-10T15:00:00Z');
  let app: TestApp;
  let s: Awaited<ReturnType<typeof loyalStore>>;

  before(async () => {
    app = await createTestApp({ clock });
    s = await loyalStore(app);
    await s.store.putCustomer('ana', { birthday: '1990-03-12', registeredAt: '2025-01-01T00:00:00Z' });
  });
  after(() => app.close());

  test('the database itself refuses to update, delete or truncate ledger entries', async () => {
    await s.order('o-0', 'ana', 10_000);
    const db = app.deps.db;
    await assert.rejects(sql`update points_entries set amount = 9999`.execute(db), /append-only/);
    await assert.rejects(sql`delete from points_entries`.execute(db), /append-only/);
    await assert.rejects(sql`truncate points_entries`.execute(db), /append-only/);
  });

  test('a purchase earns a point per $100 times the tier multiplier, plus a running promotion', async () => {
    await s.store.asMerchant('/v1/promotions/doble', {
      method: 'PUT',
      body: JSON.stringify({ name: 'Doble puntos', startsAt: '2026-03-10T00:00:00Z', endsAt: '2026-03-11T00:00:00Z', multiplier: 20_000 }),
    });
    await app.deps.db.updateTable('customers').set({ tier: 'large' }).where('id', '=', 'ana').execute();
    await s.order('o-1', 'ana', 123_456);
    const { items } = await s.history('ana');
    const mine = items.filter((entry: { reference: string }) => entry.reference === 'o-1');
    assert.deepEqual(
      mine.map((e: { reason: string; amount: number; label: string | null }) => [e.reason, e.amount, e.label]).sort(),
      [['promotion', 1234, 'Doble puntos'], ['purchase', 1851, null]],
    );
    assert.equal(new Date(mine[0].expiresAt).getTime() - clock().getTime(), 365 * day);
  });

  test('the birthday brings a bonus once a year, in the store time zone', async () => {
    const before = (await s.points('ana')).balance;
    clock.advance(2 * day); // 12 March, 12:00 in Santiago
    const during = await s.points('ana');
    assert.equal(during.balance, before + 500);
    assert.equal((await s.points('ana')).balance, before + 500, 'only once');
    const { items } = await s.history('ana', '?limit=1');
    assert.deepEqual([items[0].reason, items[0].reference], ['birthday', '2026']);
  });

  test('points expire a year after they were earned, the earliest first, and the API warns before', async () => {
    await s.store.putCustomer('bea', { registeredAt: '2025-01-01T00:00:00Z' });
    await s.order('b-1', 'bea', 100_000); // 1.000 points, expiring 12 March 2027
    clock.advance(30 * day);
    await s.order('b-2', 'bea', 50_000); // 500 points, expiring a month later
    const early = await s.points('bea');
    assert.equal(early.balance, 1500);
    assert.deepEqual(early.expiring.map((e: { points: number }) => e.points), [1000, 500]);
    assert.equal((await s.redeem('bea', 'cafe')).status, 201); // spends 800 of the first lot
    const afterRedeem = await s.points('bea');
    assert.deepEqual(afterRedeem.expiring.map((e: { points: number }) => e.points), [200, 500]);
    clock.advance(340 * day); // past the first lot's expiry only
    const afterFirst = await s.points('bea');
    assert.equal(afterFirst.balance, 500);
    const { items } = await s.history('bea', '?limit=1');
    assert.deepEqual([items[0].reason, items[0].amount], ['expiry', -200]);
    assert.equal(await pointsBalance(app.deps.db, s.store.merchant.id, 'bea'), 500);
  });

  test('a refund takes back the points of the refunded share, never below zero', async () => {
    await s.store.putCustomer('caro');
    await s.order('c-1', 'caro', 100_000); // 1.000 points
    const refund = (id: string, amount: number) => s.store.asMerchant('/v1/refunds', { method: 'POST', body: JSON.stringify({ id, orderId: 'c-1', amount }) });
    await refund('rc-1', 25_000);
    assert.equal((await s.points('caro')).balance, 750);
    const correction = await s.store.asMerchant('/v1/customers/caro/points/corrections', {
      method: 'POST',
      body: JSON.stringify({ id: 'fix-1', amount: 100, note: 'Compensación por demora' }),
    });
    assert.equal(correction.status, 201);
    assert.equal((await s.redeem('caro', 'cafe')).status, 201); // 850 − 800 = 50 left
    await refund('rc-2', 75_000); // would take 750 more; only 50 are there
    assert.equal((await s.points('caro')).balance, 0);
    const reasons = (await s.history('caro')).items.map((e: { reason: string; amount: number }) => `${e.reason} ${e.amount}`);
    assert.deepEqual(reasons, ['refund -50', 'redemption -800', 'correction 100', 'refund -250', 'purchase 1000']);
  });

  test('corrections are idempotent and cannot take the balance below zero', async () => {
    const correct = (id: string, amount: number, note = 'Ajuste') =>
      s.store.asMerchant('/v1/customers/caro/points/corrections', { method: 'POST', body: JSON.stringify({ id, amount, note }) });
    assert.equal((await correct('fix-1', 100, 'Compensación por demora')).status, 200);
    assert.equal((await correct('fix-1', 999)).status, 409);
    const below = await correct('fix-2', -1);
    assert.equal(below.status, 409);
    assert.equal((await json(below)).type, 'https://clientela.dev/problems/insufficient-points');
    assert.equal((await correct('fix-3', 0)).status, 400);
  });

  test('a balance holds at most 10^15 points: a purchase past it earns only what fits, a correction past it is a 409', async () => {
    await s.store.putCustomer('dani');
    // A balance near the most one holds, as years of the largest orders would leave it: written straight into the ledger.
    await app.deps.db
      .insertInto('pointsEntries')
      .values({ merchantId: s.store.merchant.id, customerId: 'dani', amount: maxPointsBalance - 40, reason: 'correction', reference: 'near-the-most', label: 'Casi todo', createdAt: clock(), expiresAt: null })
      .execute();
    assert.equal((await s.order('d-1', 'dani', 10_000)).status, 201); // 100 points, 40 of which fit
    assert.equal((await s.points('dani')).balance, maxPointsBalance);
    assert.deepEqual((await s.history('dani', '?limit=1')).items.map((e: { reason: string; amount: number }) => `${e.reason} ${e.amount}`), ['purchase 40']);
    assert.equal((await s.order('d-2', 'dani', 10_000)).status, 201, 'an order is recorded even when it earns nothing more');
    const correct = (id: string, amount: number) =>
      s.store.asMerchant('/v1/customers/dani/points/corrections', { method: 'POST', body: JSON.stringify({ id, amount, note: 'Ajuste' }) });
    const past = await correct('fix-past', 1);
    assert.equal(past.status, 409);
    assert.match((await json(past)).detail, /1000000000000000/);
    assert.equal((await correct('fix-down', -1)).status, 201);
    assert.equal(await pointsBalance(app.deps.db, s.store.merchant.id, 'dani'), maxPointsBalance - 1);
  });

  test('history pages newest first by cursor, each entry once', async () => {
    const all = (await s.history('ana', '?limit=100')).items.map((e: { id: string }) => e.id);
    const paged: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await s.history('ana', `?limit=2${cursor ? `&after=${cursor}` : ''}`);
      paged.push(...page.items.map((e: { id: string }) => e.id));
      cursor = page.nextCursor;
    } while (cursor);
    assert.deepEqual(paged, all);
    assert.ok(all.length >= 4);
  });
});

describe('what an order bought, in the points history', () => {
  let app: TestApp;
  let s: Awaited<ReturnType<typeof loyalStore>>;

  before(async () => {
    app = await createTestApp({ clock: manualClock('2026-03-10T15:00:00Z') });
    s = await loyalStore(app);
    for (const [id, name, price] of [['cafetera', 'Cafetera espresso Litoral', 90_000], ['taza', 'Taza de loza', 5_000]] as const) {
      await s.store.asMerchant(`/v1/products/${id}`, { method: 'PUT', body: JSON.stringify({ name, price, stock: 10 }) });
    }
    await s.store.putCustomer('fer');
  });
  after(() => app.close());

  test("a purchase and its refund name the order's first product and how many more it had, not the order's id", async () => {
    const lines = [
      { productId: 'cafetera', quantity: 1, unitPrice: 90_000 },
      { productId: 'taza', quantity: 2, unitPrice: 5_000 },
      { productId: 'p', quantity: 1, unitPrice: 1_000 },
    ];
    const placed = await s.store.asMerchant('/v1/orders', {
      method: 'POST',
      body: JSON.stringify({ id: 'ord-001277', customerId: 'fer', currency: 'CLP', lines, total: 101_000, payment: { method: 'other' } }),
    });
    assert.equal(placed.status, 201);
    await s.order('ord-001300', 'fer', 1_000); // one line: the product 'Producto'
    await s.store.asMerchant('/v1/refunds', { method: 'POST', body: JSON.stringify({ id: 'r-1', orderId: 'ord-001277', amount: 10_000 }) });
    assert.equal((await s.redeem('fer', 'cafe')).status, 201);

    const read = (items: Array<{ reason: string; reference: string; order?: unknown }>) => items.map((e) => [e.reason, e.reference.startsWith('red_') ? 'red' : e.reference, e.order]);
    const expected = [
      ['redemption', 'red', undefined],
      ['refund', 'ord-001277', { description: 'Cafetera espresso Litoral', moreItems: 2 }],
      ['purchase', 'ord-001300', { description: 'Producto', moreItems: 0 }],
      ['purchase', 'ord-001277', { description: 'Cafetera espresso Litoral', moreItems: 2 }],
    ];
    assert.deepEqual(read((await s.history('fer')).items), expected);
    assert.deepEqual(read((await json(await s.store.asMerchant('/v1/customers/fer/points/history'))).items), expected, 'the store reads it too');
  });
});

describe("the store's rewards and promotions in the shopper's language", () => {
  const clock = manualClock('2026-03-10T15:00:00Z');
  let app: TestApp;
  let s: Awaited<ReturnType<typeof loyalStore>>;

  before(async () => {
    app = await createTestApp({ clock });
    s = await loyalStore(app); // a store speaking Spanish, whose 'cafe' and 'cupon' have one name for every language
    const put = (path: string, body: unknown) => s.store.asMerchant(path, { method: 'PUT', body: JSON.stringify(body) });
    assert.equal((await put('/v1/rewards/bolso', { name: { es: 'Bolso reutilizable', en: 'Reusable bag' }, description: { es: 'De algodón.', en: 'Cotton.' }, cost: 900 })).status, 200);
    assert.equal((await put('/v1/rewards/preventa', { name: { es: 'Acceso a preventa' }, cost: 1_000 })).status, 200, 'Spanish only');
    const week = { startsAt: '2026-03-09T00:00:00Z', endsAt: '2026-03-16T00:00:00Z', multiplier: 20_000 };
    assert.equal((await put('/v1/promotions/aniversario', { ...week, name: { es: 'Aniversario', en: 'Anniversary' }, description: { es: 'Puntos dobles.', en: 'Double points.' } })).status, 200);
    await s.store.putCustomer('kate', { locale: 'en' });
    await s.store.putCustomer('lola', { locale: 'es' });
    for (const customerId of ['kate', 'lola']) await s.order(`${customerId}-1`, customerId, 100_000);
  });
  after(() => app.close());

  const rewardsIn = async (locale?: string) => {
    const response = await s.store.asShopper(await s.store.sessionFor('kate'), `/v1/rewards${locale ? `?locale=${locale}` : ''}`);
    return (await json(response)).items.map((reward: { id: string; name: string; description: string }) => [reward.id, reward.name, reward.description]);
  };

  test('a reward reads in the language asked for; in the store\'s where the merchant gave none in it; one name serves every language', async () => {
    assert.deepEqual(await rewardsIn('en'), [
      ['cafe', 'Café', ''],
      ['bolso', 'Reusable bag', 'Cotton.'],
      ['preventa', 'Acceso a preventa', ''],
      ['cupon', 'Cupón', ''],
    ]);
    assert.deepEqual(await rewardsIn('es'), [
      ['cafe', 'Café', ''],
      ['bolso', 'Bolso reutilizable', 'De algodón.'],
      ['preventa', 'Acceso a preventa', ''],
      ['cupon', 'Cupón', ''],
    ]);
    assert.deepEqual(await rewardsIn(), await rewardsIn('es'), "without ?locale=, in the store's language");
  });

  test('the store manages each text in each language, and sees which it left out', async () => {
    const catalog = (await json(await s.store.asMerchant('/v1/reward-catalog'))).items;
    const localized = Object.fromEntries(catalog.map((reward: { id: string; localized: unknown }) => [reward.id, reward.localized]));
    assert.deepEqual(localized.bolso, { name: { es: 'Bolso reutilizable', en: 'Reusable bag' }, description: { es: 'De algodón.', en: 'Cotton.' } });
    assert.deepEqual(localized.preventa.name, { es: 'Acceso a preventa', en: null });
    const promotions = (await json(await s.store.asMerchant('/v1/promotions?locale=en'))).items;
    assert.deepEqual(
      promotions.map((p: { name: string; description: string; localized: unknown }) => [p.name, p.description, p.localized]),
      [['Anniversary', 'Double points.', { name: { es: 'Aniversario', en: 'Anniversary' }, description: { es: 'Puntos dobles.', en: 'Double points.' } }]],
    );
  });

  test("a promotion's points and a redemption read in the shopper's language, kept as named when they were made", async () => {
    assert.equal((await s.redeem('kate', 'bolso')).status, 201);
    assert.equal((await s.redeem('lola', 'bolso')).status, 201);
    // The merchant renames the bag afterwards: the history keeps what was redeemed.
    await s.store.asMerchant('/v1/rewards/bolso', { method: 'PUT', body: JSON.stringify({ name: { es: 'Bolso nuevo', en: 'New bag' }, cost: 900 }) });
    const labels = async (customerId: string, query = '') =>
      (await s.history(customerId, query)).items.filter((e: { label: string | null }) => e.label !== null).map((e: { reason: string; label: string }) => `${e.reason}: ${e.label}`);
    assert.deepEqual(await labels('kate'), ['redemption: Reusable bag', 'promotion: Anniversary'], 'in her own language');
    assert.deepEqual(await labels('lola'), ['redemption: Bolso reutilizable', 'promotion: Aniversario']);
    assert.deepEqual(await labels('lola', '?locale=en'), ['redemption: Reusable bag', 'promotion: Anniversary'], "in the page's language when it asks");
  });
});

describe('birthday gifts over the years', () => {
  const clock = manualClock('2025-09-10T15:00:00Z'); // noon in Santiago
  let app: TestApp;
  let s: Awaited<ReturnType<typeof loyalStore>>;

  before(async () => {
    app = await createTestApp({ clock });
    s = await loyalStore(app);
    await s.store.putCustomer('eli', { birthday: '1988-09-20', registeredAt: '2024-01-01T00:00:00Z' });
    await s.order('e-1', 'eli', 10_000); // 100 points, expiring 10 September 2026
    clock.advance(10 * day); // 20 September 2025, her birthday
  });
  after(() => app.close());

  const inSantiago = (instant: string) => localDate(new Date(instant), 'America/Santiago');

  test("last year's gift expires on the eve of the birthday, not on the day this year's arrives, even when the shopper looks days later", async () => {
    assert.equal((await s.points('eli')).balance, 600);
    const [gift] = (await s.history('eli')).items;
    assert.deepEqual([gift.reason, gift.reference, inSantiago(gift.createdAt), inSantiago(gift.expiresAt)], ['birthday', '2025', '2025-09-20', '2026-09-19']);
    assert.deepEqual((await s.points('eli')).expiring, [{ date: '2026-09-10', points: 100 }, { date: '2026-09-19', points: 500 }], 'the shopper is told the eve');

    clock.advance(364 * day); // 19 September 2026, noon: the gift is still there
    assert.equal((await s.points('eli')).balance, 500);
    clock.advance(6 * day); // 25 September 2026: the first look since
    assert.equal((await s.points('eli')).balance, 500);
    const moves = (await s.history('eli')).items.map((e: { reason: string; amount: number; createdAt: string }) => `${inSantiago(e.createdAt)} ${e.reason} ${e.amount}`);
    assert.deepEqual(moves, ['2026-09-20 birthday 500', '2026-09-19 expiry -500', '2026-09-10 expiry -100', '2025-09-20 birthday 500', '2025-09-10 purchase 100']);
  });
});

describe('the balance on /v1/me', () => {
  const clock = manualClock('2026-03-10T15:00:00Z');
  let app: TestApp;
  let s: Awaited<ReturnType<typeof loyalStore>>;

  before(async () => {
    app = await createTestApp({ clock });
    s = await loyalStore(app);
  });
  after(() => app.close());

  test('a shopper whose first points came days before the birthday gets the bonus on the day', async () => {
    const birthday = `1992-${localDate(new Date(clock().getTime() + 3 * day), 'America/Santiago').slice(5)}`;
    await s.store.putCustomer('caro', { birthday, registeredAt: '2025-01-01T00:00:00Z' });
    assert.equal((await s.order('c-1', 'caro', 10_000)).status, 201);
    const before = (await s.points('caro')).balance;
    assert.ok(before > 0);
    clock.advance(3 * day);
    assert.equal((await s.points('caro')).balance, before + 500);
    const me = await json(await s.store.asShopper(await s.store.sessionFor('caro'), '/v1/me'));
    assert.equal(me.points.balance, before + 500);
  });

  test('counts an expiry that is due when /v1/me is the first to read the points, and writes it once', async () => {
    await s.store.putCustomer('dora');
    await s.order('d-1', 'dora', 100_000); // 1.000 points, expiring 10 March 2027
    clock.advance(day);
    await s.order('d-2', 'dora', 50_000); // 500 more, expiring a day later
    const balanceOnMe = async () => (await json(await s.store.asShopper(await s.store.sessionFor('dora'), '/v1/me'))).points.balance;
    assert.equal(await balanceOnMe(), 1500);
    clock.advance(364 * day); // past the first lot's expiry only
    assert.equal(await balanceOnMe(), 500);
    assert.equal(await balanceOnMe(), 500);
    assert.equal((await s.points('dora')).balance, 500);
    const reasons = (await s.history('dora')).items.map((e: { reason: string; amount: number }) => `${e.reason} ${e.amount}`);
    assert.deepEqual(reasons, ['expiry -1000', 'purchase 500', 'purchase 1000']);
  });
});

describe('redemptions', () => {
  let app: TestApp;
  let s: Awaited<ReturnType<typeof loyalStore>>;

  before(async () => {
    // Two hundred redemptions at once from one shopper is past their budget: this suite tests the ledger under races, not the limit.
    app = await createTestApp({ rateLimits: { redemptionsPerShopper: { limit: 100_000, windowSeconds: 60 } } });
    s = await loyalStore(app);
    await s.store.putCustomer('rich');
    await s.order('r-1', 'rich', 1_000_000); // 10.000 points
  });
  after(() => app.close());

  test('the same key and body answer the stored redemption; another body is a 422; short points a 409', async () => {
    const key = randomUUID();
    const first = await s.redeem('rich', 'cupon', key);
    assert.equal(first.status, 201);
    const redemption = await json(first);
    assert.equal(redemption.balanceAfter, 6_000);
    assert.match(redemption.code, /^[2-9A-Z]{4}-[2-9A-Z]{4}$/);
    const again = await s.redeem('rich', 'cupon', key);
    assert.equal(again.status, 201);
    assert.deepEqual(await json(again), redemption);
    assert.equal((await s.points('rich')).balance, 6_000, 'charged once');
    const other = await s.redeem('rich', 'cafe', key);
    assert.equal(other.status, 422);
    assert.equal((await json(other)).type, 'https://clientela.dev/problems/idempotency-mismatch');
    assert.equal((await s.redeem('rich', 'nothing')).status, 404);
    await s.redeem('rich', 'cupon');
    const short = await s.redeem('rich', 'cupon');
    assert.equal(short.status, 409);
    assert.equal((await json(short)).type, 'https://clientela.dev/problems/insufficient-points');
    const missingKey = await s.store.asShopper(await s.store.sessionFor('rich'), '/v1/me/redemptions', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ rewardId: 'cafe' }),
    });
    assert.equal(missingKey.status, 400);
    assert.equal((await json(missingKey)).errors[0].field, 'idempotency-key');
  });

  test('200 concurrent redemptions that together exceed the balance never overspend', async () => {
    await s.store.putCustomer('race');
    await s.order('race-1', 'race', 2_000_000); // 20.000 points: room for 25 cafés of 800
    const token = await s.store.sessionFor('race');
    const responses = await Promise.all(
      Array.from({ length: 200 }, () =>
        s.store.asShopper(token, '/v1/me/redemptions', {
          method: 'POST',
          headers: { 'idempotency-key': randomUUID(), 'content-type': 'application/json' },
          body: JSON.stringify({ rewardId: 'cafe' }),
        }),
      ),
    );
    const statuses = responses.map((r) => r.status);
    assert.equal(statuses.filter((status) => status === 201).length, 25);
    assert.equal(statuses.filter((status) => status === 409).length, 175);
    assert.equal(await pointsBalance(app.deps.db, s.store.merchant.id, 'race'), 0);
  });

  test('50 concurrent requests with one key make one redemption', async () => {
    await s.store.putCustomer('twice');
    await s.order('twice-1', 'twice', 1_000_000);
    const token = await s.store.sessionFor('twice');
    const key = randomUUID();
    const responses = await Promise.all(
      Array.from({ length: 50 }, () =>
        s.store.asShopper(token, '/v1/me/redemptions', {
          method: 'POST',
          headers: { 'idempotency-key': key, 'content-type': 'application/json' },
          body: JSON.stringify({ rewardId: 'cafe' }),
        }),
      ),
    );
    assert.ok(responses.every((r) => r.status === 201));
    const bodies = await Promise.all(responses.map((r) => r.json()));
    assert.equal(new Set(bodies.map((b) => b.id)).size, 1);
    const redemptions = await app.deps.db.selectFrom('pointsEntries').select('id').where('customerId', '=', 'twice').where('reason', '=', 'redemption').execute();
    assert.equal(redemptions.length, 1);
  });
});

describe('tiers, segments and lifetime value', () => {
  const clock = manualClock('2026-06-01T12:00:00Z');
  let app: TestApp;
  let s: Awaited<ReturnType<typeof loyalStore>>;

  before(async () => {
    app = await createTestApp({ clock });
    s = await loyalStore(app);
  });
  after(() => app.close());

  test('tiers follow trailing-12-month spend: 1% top, 4% large, 15% medium, the rest small', async () => {
    const db = app.deps.db;
    const merchantId = s.store.merchant.id;
    // 100 active buyers spending 1..100 thousand, one who last bought 13 months ago, one who never bought.
    for (let i = 1; i <= 102; i++) await s.store.putCustomer(`c${i}`);
    const now = clock();
    const orders = [];
    for (let i = 1; i <= 100; i++) orders.push({ id: `o${i}`, customerId: `c${i}`, placedAt: new Date(now.getTime() - i * day), total: i * 1000 });
    orders.push({ id: 'old', customerId: 'c101', placedAt: new Date(now.getTime() - 395 * day), total: 9_000_000 });
    await db
      .insertInto('orders')
      .values(orders.map((o) => ({ ...o, merchantId, currency: 'CLP', paidWithStoreCard: false, installments: 1, createdAt: now })))
      .execute();
    assert.deepEqual(await recomputeDueTiers(db, clock), [merchantId]);
    assert.deepEqual(await recomputeDueTiers(db, clock), [], 'nothing new since');
    const rows = await db.selectFrom('customers').select(['id', 'tier']).where('merchantId', '=', merchantId).execute();
    const tierOf = Object.fromEntries(rows.map((r) => [r.id, r.tier]));
    const count = (tier: string) => rows.filter((r) => r.tier === tier).length;
    assert.deepEqual(
      { top: count('top'), large: count('large'), medium: count('medium'), small: count('small'), inactive: count('inactive'), potential: count('potential') },
      { top: 1, large: 4, medium: 15, small: 80, inactive: 1, potential: 1 },
    );
    assert.deepEqual([tierOf.c100, tierOf.c101, tierOf.c102, tierOf.c1], ['top', 'inactive', 'potential', 'small']);
  });

  test('a shopper sees their tier and how much more spend reaches the next', async () => {
    const points = await s.points('c85'); // 85.000 spent: medium runs from 81.000, large from 96.000
    assert.equal(points.tier, 'medium');
    assert.deepEqual(points.progress, {
      next: 'large',
      spent: { amount: 85_000, currency: 'CLP' },
      needed: { amount: 96_000, currency: 'CLP' },
      remaining: { amount: 11_000, currency: 'CLP' },
    });
    assert.equal((await s.points('c102')).progress.next, 'small');
    assert.equal((await s.points('c100')).progress, null);
  });

  test('segments count each tier and its share of the revenue', async () => {
    const segments = await json(await s.store.asMerchant('/v1/segments'));
    const byTier = Object.fromEntries(segments.tiers.map((t: { tier: string }) => [t.tier, t]));
    assert.equal(segments.customers, 102);
    assert.equal(segments.revenue.amount, 5_050_000);
    assert.equal(byTier.top.customers, 1);
    assert.equal(byTier.top.revenue.amount, 100_000);
    assert.ok(Math.abs(byTier.top.revenueShare - 100_000 / 5_050_000) < 1e-9);
    // The top fifth of active buyers brings more than a third of this (even) spread: 100..81 thousand each.
    const topFifth = byTier.top.revenueShare + byTier.large.revenueShare + byTier.medium.revenueShare;
    assert.ok(topFifth > 0.35);
    const shares = segments.tiers.reduce((sum: number, t: { revenueShare: number }) => sum + t.revenueShare, 0);
    assert.ok(Math.abs(shares - 1) < 1e-9);
  });

  test('a customer carries lifetime value and recency, frequency and monetary figures', async () => {
    await s.order('c50-2', 'c50', 20_000);
    const customer = await json(await s.store.asMerchant('/v1/customers/c50'));
    assert.deepEqual(customer.rfm, {
      lastPurchaseAt: clock().toISOString(),
      recencyDays: 0,
      frequency: 2,
      monetary: { amount: 70_000, currency: 'CLP' },
    });
    assert.deepEqual(customer.lifetimeValue, { amount: 210_000, currency: 'CLP' }, '70.000 a year × 3 years');
    assert.deepEqual(customer.spentToDate, { amount: 70_000, currency: 'CLP' });
    const lapsed = await json(await s.store.asMerchant('/v1/customers/c101'));
    assert.equal(lapsed.lifetimeValue.amount, 0);
    assert.equal(lapsed.rfm.recencyDays, 395);
  });
});
