import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createAgent, createStaffMember } from './modules/auth/index.ts';
import { createTestApp, createTestMerchant, json, manualClock, type TestApp, type TestMerchant } from './testing/test-app.ts';

/*
 * Every write operation of the OpenAPI document, sent the largest numbers its
 * contract allows (and the smallest divisor, where a smaller number makes more
 * of something): a store whose points, prices, quantities, multipliers, credit
 * and installments are all at their bounds. Whatever the database and the
 * arithmetic make of them, the API answers without a 5xx and records what it
 * accepts; the reads that show those figures answer too. The bounds are read
 * from the document, so they follow the contract when it changes.
 */

interface JsonSchema {
  type?: string;
  const?: unknown;
  maximum?: number;
  maxItems?: number;
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
}

/** In a template: the largest integer the schema allows at this place. */
const largest = Symbol('largest');
/** In a template: an array of as many copies of `item` as the schema allows. */
class AsManyAs {
  constructor(readonly item: unknown) {}
}
const asManyAsAllowed = (item: unknown) => new AsManyAs(item);

/** The alternative of a union that the template's value is written for. */
function alternativeFor(schemas: JsonSchema[], value: unknown): JsonSchema {
  const fits = (schema: JsonSchema) => {
    if (value === largest) return schema.type === 'integer';
    if (value === null) return schema.type === 'null';
    if (typeof value !== 'object' || value instanceof AsManyAs) return schema.type !== 'null';
    return Object.entries(schema.properties ?? {}).every(([name, property]) => property.const === undefined || property.const === (value as Record<string, unknown>)[name]);
  };
  const found = schemas.find(fits);
  if (!found) throw new Error(`No alternative of the schema fits ${String(value)}`);
  return found;
}

/** The template with every `largest` and `asManyAsAllowed` resolved against the schema. */
function atTheBounds(template: unknown, schema: JsonSchema, where = 'body'): unknown {
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives) return atTheBounds(template, alternativeFor(alternatives, template), where);
  if (template === largest) {
    if (schema.maximum === undefined) throw new Error(`${where} has no maximum in the contract`);
    return schema.maximum;
  }
  if (template instanceof AsManyAs) {
    if (schema.maxItems === undefined || !schema.items) throw new Error(`${where} has no maxItems in the contract`);
    return Array.from({ length: schema.maxItems }, () => atTheBounds(template.item, schema.items!, `${where}[]`));
  }
  if (Array.isArray(template)) return template.map((item) => atTheBounds(item, schema.items ?? {}, `${where}[]`));
  if (template !== null && typeof template === 'object') {
    return Object.fromEntries(Object.entries(template).map(([name, value]) => [name, atTheBounds(value, schema.properties?.[name] ?? {}, `${where}.${name}`)]));
  }
  return template;
}

interface WriteOperation {
  operationId: string;
  method: string;
  path: string;
  body: JsonSchema | undefined;
}

type Credentials = 'merchant' | 'shopper' | 'agent' | 'owner' | 'page';

interface Row {
  operationId: string;
  as: Credentials;
  /** The path with its parameters filled in. */
  path: string;
  body?: unknown;
  headers?: Record<string, string>;
  /** The status it must answer; left out where any 4xx will do (a reference to a line that does not exist, say). */
  status?: number;
}

describe('the largest values the contract allows, at every write operation', () => {
  const clock = manualClock('2026-11-20T15:00:00Z');
  let app: TestApp;
  let store: TestMerchant;
  let operations: Map<string, WriteOperation>;
  const credentials = {} as Record<Credentials, Record<string, string>>;

  before(async () => {
    app = await createTestApp({ clock });
    store = await createTestMerchant(app, { timeZone: 'America/Santiago' });
    const document = await json(await app.request('/v1/openapi.json'));
    operations = new Map();
    for (const [path, methods] of Object.entries<Record<string, { operationId: string; requestBody?: { content: { 'application/json': { schema: JsonSchema } } } }>>(document.paths)) {
      for (const [method, operation] of Object.entries(methods)) {
        if (method === 'get') continue;
        operations.set(operation.operationId, { operationId: operation.operationId, method: method.toUpperCase(), path, body: operation.requestBody?.content['application/json'].schema });
      }
    }
    const agent = await createAgent(app.deps.db, store.merchant.id, { email: 'sofia@shop.example', name: 'Sofía', password: 'a long password' });
    credentials.merchant = { authorization: `Bearer ${store.secretKey}` };
    credentials.page = { 'x-publishable-key': store.publishableKey };
    credentials.agent = { authorization: `Bearer ${(await app.deps.tokens.issue('agent', store.merchant.id, agent.id, 3600)).token}` };
    const owner = await createStaffMember(app.deps.db, store.merchant.id, { email: 'olga@shop.example', name: 'Olga', password: 'a long password', role: 'owner' });
    credentials.owner = { authorization: `Bearer ${(await app.deps.tokens.issue('agent', store.merchant.id, owner.id, 3600, 0, 'owner')).token}` };
  });
  after(() => app?.close());

  test('no 5xx, and every write the contract allows is recorded', async (t) => {
    const results: string[] = [];
    const send = async (row: Row) => {
      const operation = operations.get(row.operationId);
      assert.ok(operation, `${row.operationId} is an operation of the document`);
      const body = row.body === undefined ? undefined : JSON.stringify(atTheBounds(row.body, operation.body ?? {}));
      const response = await app.request(row.path, {
        method: operation.method,
        headers: { ...credentials[row.as], ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...row.headers },
        ...(body === undefined ? {} : { body }),
      });
      const text = await response.text();
      results.push(`${row.operationId} ${response.status}`);
      assert.ok(response.status < 500, `${row.operationId} answered ${response.status}: ${text.slice(0, 300)}`);
      if (row.status !== undefined) assert.equal(response.status, row.status, `${row.operationId}: ${text.slice(0, 300)}`);
      return text === '' ? undefined : JSON.parse(text);
    };
    const sent = new Set<string>();
    const run = async (row: Row) => {
      sent.add(row.operationId);
      return send(row);
    };

    const future = new Date(clock().getTime() + 30 * 86_400_000).toISOString();
    const past = new Date(clock().getTime() - 86_400_000).toISOString();
    await run({
      operationId: 'putCardSettings', as: 'merchant', path: '/v1/card-settings', status: 200,
      body: { closingDay: largest, dueDays: largest, minimumPaymentBps: largest, interestFreeInstallmentsInMinimumBps: largest, monthlyInterestBps: largest, installmentInterestBps: largest, lateFee: largest, defaultCreditLimit: largest },
    });
    // One minor unit per point earns the most points.
    await run({
      operationId: 'putLoyaltySettings', as: 'merchant', path: '/v1/loyalty-settings', status: 200,
      body: {
        spendPerPoint: 1,
        tierMultipliers: { top: largest, large: largest, medium: largest, small: largest, inactive: largest, potential: largest },
        birthdayBonus: largest,
        pointsLifetimeDays: largest,
        expectedLifespanYears: largest,
        valuePerThousandPoints: largest,
        redemptionValidDays: largest,
      },
    });
    await run({ operationId: 'putPromotion', as: 'merchant', path: '/v1/promotions/most', status: 200, body: { name: 'Todo al máximo', startsAt: past, endsAt: future, multiplier: largest } });
    await run({ operationId: 'putProduct', as: 'merchant', path: '/v1/products/p-most', status: 200, body: { name: 'Lo más caro', price: largest, stock: largest, boost: 1 } });
    // Her birthday is today: the first write to her points brings the largest bonus too.
    await run({ operationId: 'putCustomer', as: 'merchant', path: '/v1/customers/ana', status: 200, body: { firstName: 'Ana', lastName: 'Torres', birthday: '1990-11-20', registeredAt: '2025-01-01T00:00:00Z' } });
    await run({ operationId: 'putCardAccount', as: 'merchant', path: '/v1/customers/ana/card', status: 200, body: { creditLimit: largest } });
    const session = await run({ operationId: 'createSession', as: 'merchant', path: '/v1/sessions', status: 201, body: { customerId: 'ana', ttlSeconds: largest } });
    credentials.shopper = { authorization: `Bearer ${session.token}`, 'x-publishable-key': store.publishableKey };

    const order = await run({
      operationId: 'createOrder', as: 'merchant', path: '/v1/orders', status: 201,
      body: {
        id: 'o-most', customerId: 'ana', currency: 'CLP', total: largest,
        lines: asManyAsAllowed({ productId: 'p-most', quantity: largest, unitPrice: largest }),
        payment: { method: 'store-card', installments: largest, withInterest: true },
      },
    });
    assert.equal(order.installmentAmounts.length, order.payment.installments);
    const { balance } = await json(await app.request('/v1/me/points', { headers: credentials.shopper }));
    assert.ok(balance > 2 ** 31, `the order earned more points than a 32-bit integer holds: ${balance}`);

    await run({ operationId: 'putReward', as: 'merchant', path: '/v1/rewards/r-most', status: 200, body: { name: 'La mejor', cost: largest } });
    const redemption = await run({ operationId: 'redeemReward', as: 'shopper', path: '/v1/me/redemptions', status: 201, headers: { 'idempotency-key': 'redeem-the-most-0001' }, body: { rewardId: 'r-most' } });
    await run({ operationId: 'useRedemption', as: 'owner', path: `/v1/redemptions/${redemption.code}/use`, status: 200 });
    await run({ operationId: 'correctPoints', as: 'merchant', path: '/v1/customers/ana/points/corrections', status: 201, body: { id: 'corr-most', amount: largest, note: 'Regalo' } });
    await run({ operationId: 'createPayment', as: 'merchant', path: '/v1/payments', status: 201, body: { id: 'pay-most', customerId: 'ana', amount: largest, currency: 'CLP' } });
    await run({ operationId: 'createRefund', as: 'merchant', path: '/v1/refunds', status: 201, body: { id: 'rf-most', orderId: 'o-most', amount: largest, reason: 'Devuelto' } });
    await run({
      operationId: 'putFulfillment',
      as: 'merchant',
      path: '/v1/orders/o-most/fulfillment',
      status: 200,
      body: { status: 'delivered', carrier: 'Chilexpress', trackingNumber: 'CX12345678', trackingUrl: 'https://track.example/CX12345678' },
    });
    await run({ operationId: 'putMyOrderFeedback', as: 'shopper', path: '/v1/me/orders/o-most/feedback', status: 201, body: { score: 10, comment: 'Todo llegó bien' } });
    // Her consent to profiling, which a profile question needs before she is asked it.
    const consents = { 'marketing-email': true, profiling: true, 'birthday-greeting': true };
    await run({ operationId: 'putMyConsents', as: 'shopper', path: '/v1/me/consents', status: 200, body: { textVersion: 'v'.repeat(40), consents } });
    await run({ operationId: 'putCustomerConsents', as: 'merchant', path: '/v1/customers/ana/consents', status: 200, body: { textVersion: 'f'.repeat(40), consents } });
    await run({ operationId: 'putQuestion', as: 'merchant', path: '/v1/questions/q-most', status: 201, body: { kind: 'text', purpose: 'profile', prompt: '¿Qué nos falta?', maxLength: 2000, rewardPoints: 100_000, position: 10_000 } });
    await run({ operationId: 'putQuestionnaireSettings', as: 'merchant', path: '/v1/questionnaire-settings', status: 200, body: { intervalDays: 365 } });
    await run({ operationId: 'putMyAnswer', as: 'shopper', path: '/v1/me/answers/q-most', status: 201, body: { text: 'Más cafeteras' } });

    await run({ operationId: 'putWishlistItem', as: 'shopper', path: '/v1/me/wishlist/items/p-most', status: 201, body: { note: 'Algún día', alerts: { priceDrop: true, backInStock: true } } });
    await run({ operationId: 'deleteWishlistItem', as: 'shopper', path: '/v1/me/wishlist/items/p-most', status: 204 });
    await run({ operationId: 'markNotificationsRead', as: 'shopper', path: '/v1/me/notifications/read', status: 200, body: { ids: asManyAsAllowed('999999999999999999') } });
    await run({
      operationId: 'putRecommendationSettings',
      as: 'merchant',
      path: '/v1/recommendation-settings',
      status: 200,
      body: {
        repeatPurchases: true,
        pinned: { products: asManyAsAllowed('p-most'), categories: asManyAsAllowed('Hogar') },
        excluded: { products: asManyAsAllowed('p-menos'), categories: asManyAsAllowed('Moda') },
        boostWeight: 2,
      },
    });
    await run({
      operationId: 'recordEvents',
      as: 'page',
      path: '/v1/events',
      status: 202,
      body: { visitorId: 'visitante-del-maximo-0001', events: asManyAsAllowed({ productId: 'p-most', kind: 'cart', at: clock().toISOString() }) },
    });
    await run({ operationId: 'putSupportSettings', as: 'merchant', path: '/v1/support-settings', status: 200, body: { hours: asManyAsAllowed({ day: largest, opens: '00:00', closes: '23:59' }) } });
    await run({ operationId: 'addCustomerNote', as: 'owner', path: '/v1/customers/ana/notes', status: 201, body: { body: 'Ñ'.repeat(2000) } });
    await run({ operationId: 'addOrigin', as: 'owner', path: '/v1/origins', status: 201, body: { origin: `https://${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.example:65535` } });
    await run({ operationId: 'removeOrigin', as: 'merchant', path: `/v1/origins?origin=${encodeURIComponent(`https://${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.example:65535`)}`, status: 204 });
    const member = await run({ operationId: 'createStaff', as: 'owner', path: '/v1/staff', status: 201, body: { email: `${'m'.repeat(64)}@shop.example`, name: 'Ñ'.repeat(80), role: 'admin', password: 'p'.repeat(200) } });
    await run({ operationId: 'updateStaff', as: 'owner', path: `/v1/staff/${member.id}`, status: 200, body: { name: 'Ö'.repeat(80), role: 'agent', password: 'q'.repeat(200) } });
    await run({ operationId: 'removeStaff', as: 'owner', path: `/v1/staff/${member.id}`, status: 204 });

    await run({
      operationId: 'startConversation', as: 'shopper', path: '/v1/me/conversations',
      body: { clientId: 'chat-most-0000', subject: 'Un cargo', message: { clientId: 'chat-most-0000-m1', body: 'Hola' }, attachment: { kind: 'statement-line', period: '2026-11', seq: largest } },
    });
    const conversation = await run({
      operationId: 'startConversation', as: 'shopper', path: '/v1/me/conversations', status: 201,
      body: { clientId: 'chat-most-0001', subject: 'Mi compra', message: { clientId: 'chat-most-0001-m1', body: 'Hola' } },
    });
    const chat = `/v1/me/conversations/${conversation.id}`;
    const agentChat = `/v1/agent/conversations/${conversation.id}`;
    await run({ operationId: 'sendMyMessage', as: 'shopper', path: `${chat}/messages`, status: 201, body: { clientId: 'chat-most-0002', body: '¿Llegó?' } });
    await run({ operationId: 'markMyConversationRead', as: 'shopper', path: `${chat}/read`, status: 204, body: { seq: largest } });
    await run({ operationId: 'signalMyTyping', as: 'shopper', path: `${chat}/typing`, status: 204 });
    await run({ operationId: 'sendAgentMessage', as: 'agent', path: `${agentChat}/messages`, status: 201, body: { clientId: 'agent-most-0001', body: 'Sí' } });
    await run({ operationId: 'assignConversation', as: 'agent', path: `${agentChat}/assign`, status: 200, body: { agentId: null } });
    await run({ operationId: 'markAgentRead', as: 'agent', path: `${agentChat}/read`, status: 204, body: { seq: largest } });
    await run({ operationId: 'signalAgentTyping', as: 'agent', path: `${agentChat}/typing`, status: 204 });
    await run({ operationId: 'resolveConversation', as: 'agent', path: `${agentChat}/resolve`, status: 200 });
    await run({ operationId: 'rateMyConversation', as: 'shopper', path: `${chat}/rating`, status: 200, body: { score: largest, comment: 'Bien' } });
    await run({ operationId: 'agentLogin', as: 'page', path: '/v1/agent/login', status: 200, body: { email: 'sofia@shop.example', password: 'a long password' } });

    await run({
      operationId: 'putPrivacySettings', as: 'merchant', path: '/v1/privacy-settings', status: 200,
      body: { consentTextVersion: 't'.repeat(40), consentDefaults: { 'marketing-email': false, profiling: false, 'birthday-greeting': true }, chatRetentionDays: largest, inactiveCustomerRetentionDays: largest },
    });
    const longLink = `https://shop.example/${'p'.repeat(2000)}/{productId}`;
    await run({
      operationId: 'putEmailSettings', as: 'merchant', path: '/v1/email-settings', status: 200,
      body: { productUrlPattern: longLink, storeUrl: longLink, statementUrl: longLink, chatUrl: longLink, pointsUrl: longLink, preferencesUrl: longLink, pointsExpiryNoticeDays: 90, brandColor: '#ffffff' },
    });
    await run({ operationId: 'requestMyErasure', as: 'shopper', path: '/v1/me/erasure', status: 200, body: {} });

    const endpoint = await run({ operationId: 'createWebhookEndpoint', as: 'merchant', path: '/v1/webhook-endpoints', status: 201, body: { url: 'https://93.184.215.14/clientela/webhooks' } });
    await run({ operationId: 'retryWebhookDelivery', as: 'merchant', path: '/v1/webhook-deliveries/wd_none/retry', status: 404 });
    await run({ operationId: 'deleteWebhookEndpoint', as: 'merchant', path: `/v1/webhook-endpoints/${endpoint.id}`, status: 204 });

    // What was written at the bounds reads back.
    const { statements } = await json(await app.request('/v1/me/statements', { headers: credentials.shopper }));
    const reads: Array<[Credentials, string]> = [
      ...['/v1/me', '/v1/me/points', '/v1/me/points/history?limit=100', '/v1/me/statements', `/v1/me/statements/${statements[0].period}?limit=100`].map((path) => ['shopper', path] as [Credentials, string]),
      ...['/v1/customers/ana', '/v1/segments', '/v1/webhook-deliveries', '/v1/email-deliveries?limit=100', '/v1/email-settings'].map((path) => ['merchant', path] as [Credentials, string]),
      ['merchant', '/v1/recommendation-settings'],
      ['shopper', '/v1/me/recommendations?limit=50'],
      ['page', '/v1/recommendations?limit=50&visitorId=visitante-del-maximo-0001'],
    ];
    for (const [as, path] of reads) {
      const response = await app.request(path, { headers: credentials[as] });
      assert.equal(response.status, 200, `${path}: ${(await response.text()).slice(0, 300)}`);
    }

    // Last: they end the sessions the rows above use. No numbers in them, so any 4xx will do as well.
    await run({ operationId: 'endCustomerSessions', as: 'merchant', path: '/v1/customers/ana/sessions' });
    await run({ operationId: 'eraseCustomer', as: 'merchant', path: '/v1/customers/ana/erase', status: 200 });
    await run({ operationId: 'agentLogout', as: 'agent', path: '/v1/agent/logout', body: {} });
    await run({ operationId: 'rollKeys', as: 'owner', path: '/v1/keys/roll', status: 200, body: { key: 'secret', graceSeconds: largest } });

    const unsent = [...operations.keys()].filter((id) => !sent.has(id));
    assert.deepEqual(unsent, [], 'every write operation of the document has a row here');

    t.diagnostic(results.join(', '));
  });
});
