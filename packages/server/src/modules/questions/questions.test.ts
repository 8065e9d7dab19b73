import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestApp, createTestMerchant, json, manualClock, type TestApp, type TestMerchant } from '../../testing/test-app.ts';

const day = 86_400_000;

describe('drip questionnaire: questions, answers, what they steer, and feedback after a delivery', () => {
  const clock = manualClock('2026-05-04T15:00:00Z');
  let app: TestApp;
  let store: TestMerchant;
  let other: TestMerchant;
  // A session of its own for each call: the clock moves past a token's life between visits.
  const as = async (customer: string, path: string, init: RequestInit = {}) =>
    store.asShopper(await store.sessionFor(customer), path, { ...init, headers: { 'content-type': 'application/json', ...init.headers } });
  const putQuestion = (merchant: TestMerchant, id: string, body: object) => merchant.asMerchant(`/v1/questions/${id}`, { method: 'PUT', body: JSON.stringify(body) });
  const answer = (customer: string, id: string, body: object) => as(customer, `/v1/me/answers/${id}`, { method: 'PUT', body: JSON.stringify(body) });
  const next = async (customer: string, query = '') => (await json(await as(customer, `/v1/me/questions/next${query}`))).next;
  const sports = {
    kind: 'multiple-choice',
    purpose: 'preferences',
    prompt: { es: '¿Qué no te interesa?', en: 'What are you not interested in?' },
    choices: [
      { id: 'deportes', label: { es: 'Deportes', en: 'Sports' }, excludesCategories: ['Deportes'] },
      { id: 'hogar', label: { es: 'Hogar', en: 'Home' }, excludesCategories: ['Hogar'] },
    ],
    rewardPoints: 50,
    position: 1,
  };

  before(async () => {
    app = await createTestApp({ clock });
    store = await createTestMerchant(app);
    other = await createTestMerchant(app);
    for (const id of ['ana', 'bruno', 'carla', 'dora', 'elena']) await store.putCustomer(id, { firstName: id });
    // Preferences and profile answers build a profile: asked only of shoppers who allow profiling. Elena has not.
    for (const id of ['ana', 'bruno', 'carla', 'dora']) await store.consent(id, { profiling: true });
    await other.putCustomer('ana');
    const products: Array<[string, string]> = [['pelota', 'Deportes'], ['raqueta', 'Deportes'], ['lampara', 'Hogar'], ['taza', 'Hogar'], ['libro', 'Libros']];
    for (const [id, category] of products) {
      assert.ok((await store.asMerchant(`/v1/products/${id}`, { method: 'PUT', body: JSON.stringify({ name: id, price: 10_000, stock: 9, category }) })).ok);
    }
    // What sells, for the popular list a shopper without purchases is shown.
    for (const [i, productId] of products.map(([id]) => id).entries()) {
      const response = await store.asMerchant('/v1/orders', {
        method: 'POST',
        body: JSON.stringify({ id: `venta-${i}`, customerId: 'bruno', placedAt: '2026-05-01T12:00:00Z', currency: 'CLP', lines: [{ productId, quantity: 1, unitPrice: 10_000 }], total: 10_000, payment: { method: 'other' } }),
      });
      assert.equal(response.status, 201);
    }
    assert.equal((await putQuestion(store, 'intereses', sports)).status, 201);
    assert.equal((await putQuestion(store, 'talla', { kind: 'single-choice', purpose: 'profile', prompt: '¿Tu talla?', choices: [{ id: 's', label: 'S' }, { id: 'm', label: 'M' }], position: 2 })).status, 201);
    assert.equal((await putQuestion(store, 'atencion', { kind: 'scale', purpose: 'satisfaction', prompt: '¿Cómo te atendimos?', position: 3 })).status, 201);
    assert.equal((await putQuestion(store, 'sugerencia', { kind: 'text', purpose: 'profile', prompt: '¿Qué nos falta?', maxLength: 20, position: 4 })).status, 201);
  });
  after(() => app.close());

  test('a question is checked as a whole: choices for choice questions only, each once; a bound on text only', async () => {
    const cases: Array<[object, string]> = [
      [{ kind: 'single-choice', purpose: 'profile', prompt: '¿?' }, 'choices'],
      [{ kind: 'scale', purpose: 'profile', prompt: '¿?', choices: [{ id: 'a', label: 'A' }, { id: 'b', label: 'B' }] }, 'choices'],
      [{ ...sports, choices: [sports.choices[0], sports.choices[0]] }, 'choices.1.id'],
      [{ kind: 'scale', purpose: 'profile', prompt: '¿?', maxLength: 10 }, 'maxLength'],
      [{ kind: 'text', purpose: 'mood', prompt: '¿?' }, 'purpose'],
    ];
    for (const [body, field] of cases) {
      const response = await putQuestion(store, 'mala', body);
      assert.equal(response.status, 400, JSON.stringify(body));
      assert.equal((await json(response)).errors[0].field, field);
    }
    const list = (await json(await store.asMerchant('/v1/questions'))).items as Array<{ id: string }>;
    assert.deepEqual(list.map((question) => question.id), ['intereses', 'talla', 'atencion', 'sugerencia']);
    assert.equal((await putQuestion(store, 'intereses', sports)).status, 200);
  });

  test('one question at a time, in the store order, in the shopper language, then none until the interval passes', async () => {
    const first = await next('carla', '?locale=en');
    assert.equal(first.type, 'question');
    assert.equal(first.question.prompt, 'What are you not interested in?');
    assert.deepEqual(first.question.choices.map((choice: { label: string }) => choice.label), ['Sports', 'Home']);
    assert.equal((await answer('carla', 'intereses', { choices: ['hogar'] })).status, 201);
    assert.equal(await next('carla'), null);
    clock.advance(6 * day);
    assert.equal(await next('carla'), null);
    clock.advance(day);
    assert.equal((await next('carla')).question.id, 'talla');
    assert.deepEqual(await json(await store.asMerchant('/v1/questionnaire-settings', { method: 'PUT', body: JSON.stringify({ intervalDays: 0 }) })), { intervalDays: 0 });
    assert.equal((await answer('carla', 'talla', { choices: ['m'] })).status, 201);
    assert.equal((await next('carla')).question.id, 'atencion');
    assert.equal((await store.asMerchant('/v1/questionnaire-settings', { method: 'PUT', body: JSON.stringify({ intervalDays: 400 }) })).status, 400);
    await store.asMerchant('/v1/questionnaire-settings', { method: 'PUT', body: JSON.stringify({ intervalDays: 7 }) });
  });

  test('answers are idempotent per question and shopper, kept as history, and earn the reward once', async () => {
    const first = await answer('dora', 'intereses', { choices: ['hogar', 'deportes'] });
    assert.equal(first.status, 201);
    const stored = await json(first);
    assert.deepEqual(stored.value, { choices: ['deportes', 'hogar'] });
    assert.equal(stored.pointsAwarded, 50);
    const again = await answer('dora', 'intereses', { choices: ['deportes', 'hogar'] });
    assert.equal(again.status, 200);
    assert.deepEqual(await json(again), stored);
    const changed = await answer('dora', 'intereses', { choices: ['hogar'] });
    assert.equal(changed.status, 201);
    assert.equal((await json(changed)).pointsAwarded, 0);
    const profile = await json(await store.asMerchant('/v1/customers/dora/answers'));
    assert.deepEqual(profile.answers.map((a: { value: { choices: string[] } }) => a.value.choices), [['hogar'], ['deportes', 'hogar']]);
    const history = (await json(await store.asMerchant('/v1/customers/dora/points/history'))).items as Array<{ reason: string; amount: number }>;
    assert.deepEqual(history.filter((entry) => entry.reason === 'question').map((entry) => entry.amount), [50]);
  });

  test('a shopper who has not allowed profiling is asked only how things went; a preference from them is refused and steers nothing', async () => {
    const first = await next('elena');
    assert.ok(first === null || first.question.purpose === 'satisfaction', 'no preference or profile question');
    const refused = await answer('elena', 'intereses', { choices: ['deportes'] });
    assert.equal(refused.status, 409);
    assert.deepEqual((await json(await store.asMerchant('/v1/customers/elena/answers'))).answers, []);
    assert.equal((await answer('elena', 'atencion', { score: 4 })).status, 201);
    // Once she allows it, the preference is asked and kept; when she withdraws, it no longer steers anything.
    await store.consent('elena', { profiling: true });
    assert.equal((await answer('elena', 'intereses', { choices: ['deportes'] })).status, 201);
    const sport = async () => ((await json(await as('elena', '/v1/me/recommendations?limit=10'))).items as Array<{ product: { category: string | null } }>).filter((item) => item.product.category === 'Deportes').length;
    assert.equal(await sport(), 0);
    await store.consent('elena', { profiling: false });
    assert.ok((await sport()) > 0, 'without consent the list is the popular one, sport included');
  });

  test('bad answers are problems naming the field, and change nothing', async () => {
    const before = await json(await store.asMerchant('/v1/customers/ana/answers'));
    const cases: Array<[string, object, number, string?]> = [
      ['no-existe', { choices: ['s'] }, 404],
      ['talla', { choices: ['xl'] }, 400, 'choices.0'],
      ['talla', { choices: ['s', 'm'] }, 400, 'choices'],
      ['talla', { score: 3 }, 400, 'score'],
      ['atencion', { score: 6 }, 400, 'score'],
      ['sugerencia', { text: 'x'.repeat(21) }, 400, 'text'],
      ['sugerencia', { text: 'x'.repeat(2001) }, 400, 'text'],
    ];
    for (const [id, body, status, field] of cases) {
      const response = await answer('ana', id, body);
      assert.equal(response.status, status, `${id} ${JSON.stringify(body)}`);
      assert.match(response.headers.get('content-type') ?? '', /problem\+json/);
      if (field) assert.equal((await json(response)).errors[0].field, field);
    }
    // Another store's question is unknown here, and this store's there.
    assert.equal((await putQuestion(other, 'solo-otra', { kind: 'scale', purpose: 'profile', prompt: '¿?' })).status, 201);
    assert.equal((await answer('ana', 'solo-otra', { score: 3 })).status, 404);
    assert.equal((await other.asShopper(await other.sessionFor('ana'), '/v1/me/answers/talla', { method: 'PUT', headers: { 'content-type': 'application/json' }, body: '{"choices":["s"]}' })).status, 404);
    assert.deepEqual(await json(await store.asMerchant('/v1/customers/ana/answers')), before);
  });

  test('"no me interesa Deportes" takes sport out of the shopper recommendations at once, and segments count by answer', async () => {
    const categories = async (customer: string) =>
      new Set(((await json(await as(customer, '/v1/me/recommendations?limit=10'))).items as Array<{ product: { category: string } }>).map((item) => item.product.category));
    assert.ok((await categories('ana')).has('Deportes'));
    assert.equal((await answer('ana', 'intereses', { choices: ['deportes'] })).status, 201);
    const after = await categories('ana');
    assert.ok(!after.has('Deportes'), [...after].join());
    assert.ok(after.has('Hogar'));
    const segments = async (query: string) => json(await store.asMerchant(`/v1/segments${query}`));
    assert.equal((await segments('?answer=intereses:deportes')).customers, 1);
    assert.equal((await segments('?answer=intereses:hogar')).customers, 2);
    // Elena said the same while she allowed profiling, and has withdrawn it since: her answer no longer counts.
    assert.equal((await segments('')).customers, 5);
    for (const bad of ['?answer=intereses:golf', '?answer=nada:x', '?answer=intereses']) {
      const response = await store.asMerchant(`/v1/segments${bad}`);
      assert.equal(response.status, 400, bad);
      assert.equal((await json(response)).errors[0].field, 'answer');
    }
  });

  test('after a delivery the next visit asks "¿Cómo fue tu compra?" once; NPS and comments per month and tier', async () => {
    const feedback = (customer: string, order: string, body: object) => as(customer, `/v1/me/orders/${order}/feedback`, { method: 'PUT', body: JSON.stringify(body) });
    assert.equal((await feedback('bruno', 'venta-0', { score: 9 })).status, 409, 'not delivered yet');
    const delivered = await store.asMerchant('/v1/orders/venta-0/fulfillment', { method: 'PUT', body: JSON.stringify({ status: 'delivered' }) });
    assert.equal(delivered.status, 200);
    const asked = await next('bruno');
    assert.equal(asked.type, 'feedback');
    assert.equal(asked.order.id, 'venta-0');
    assert.equal((await feedback('bruno', 'venta-0', { score: 11 })).status, 400);
    assert.equal((await feedback('bruno', 'venta-0', { score: 4, comment: 'c'.repeat(1001) })).status, 400);
    assert.equal((await feedback('ana', 'venta-0', { score: 10 })).status, 404);
    assert.equal((await feedback('bruno', 'venta-0', { score: 4, comment: 'Llegó tarde' })).status, 201);
    assert.equal((await feedback('bruno', 'venta-0', { score: 4, comment: 'Llegó tarde' })).status, 200);
    assert.equal((await feedback('bruno', 'venta-0', { score: 10 })).status, 409);
    assert.notEqual((await next('bruno'))?.type, 'feedback');
    await store.asMerchant('/v1/orders/venta-1/fulfillment', { method: 'PUT', body: JSON.stringify({ status: 'delivered' }) });
    await store.asMerchant('/v1/orders/venta-2/fulfillment', { method: 'PUT', body: JSON.stringify({ status: 'delivered' }) });
    assert.equal((await feedback('bruno', 'venta-1', { score: 10 })).status, 201);
    clock.advance(31 * day);
    assert.equal((await feedback('bruno', 'venta-2', { score: 9, comment: 'Excelente' })).status, 201);

    const report = await json(await store.asMerchant('/v1/reports/feedback?from=2026-05&to=2026-06'));
    assert.deepEqual(report.months.map((month: { month: string; responses: number; nps: number }) => [month.month, month.responses, month.nps]), [['2026-05', 2, 0], ['2026-06', 1, 100]]);
    assert.deepEqual({ ...report.total }, { responses: 3, promoters: 2, passives: 0, detractors: 1, nps: 33.3 });
    const brunoTier = (await json(await store.asMerchant('/v1/customers/bruno'))).tier;
    assert.equal(report.byTier.find((row: { tier: string }) => row.tier === brunoTier).responses, 3);
    assert.deepEqual(report.comments.map((comment: { comment: string }) => comment.comment), ['Excelente', 'Llegó tarde']);
    assert.equal((await store.asMerchant('/v1/reports/feedback?from=2026-07&to=2026-06')).status, 400);
    assert.equal((await store.asMerchant('/v1/reports/feedback?from=2023-01&to=2026-06')).status, 400);
    assert.equal((await store.asMerchant('/v1/reports/feedback?from=2026-13')).status, 400);
  });
});
