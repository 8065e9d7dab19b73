import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createTestApp, manualClock } from '@clientela/server/testing';
import { demoMerchant, seedDemo } from './seed.ts';

// Two fixed instants: the stories hold whatever day the demo is seeded.
for (const at of ['2026-12-21T03:30:00Z', '2028-02-29T12:00:00Z']) {
  test(`seeded at ${at}, Ana has a pending, a shipped and delivered orders with tracking, a few questions, and is asked about her latest delivery`, async () => {
    const clock = manualClock(at);
    const app = await createTestApp({ clock });
    try {
      await seedDemo(app.deps.db, { now: clock(), origins: [] });
      const secret = { authorization: `Bearer ${demoMerchant.secretKey}`, 'content-type': 'application/json' };
      const session = await app.request('/v1/sessions', { method: 'POST', headers: secret, body: JSON.stringify({ customerId: 'cli-0001' }) });
      const { token } = (await session.json()) as { token: string };
      const get = async (path: string, headers: Record<string, string> = { authorization: `Bearer ${token}` }) => (await app.request(path, { headers })).json() as Promise<any>;
      const { items } = await get('/v1/me/orders?limit=10');
      const statuses = items.map((order: { fulfillment: { status: string } }) => order.fulfillment.status);
      assert.equal(statuses[0], 'pending');
      assert.equal(statuses[1], 'shipped');
      assert.ok(statuses.includes('delivered'), statuses.join());
      const shipped = await get(`/v1/me/orders/${items[1].id}`);
      assert.match(shipped.fulfillment.trackingUrl, /^https:\/\//);
      assert.deepEqual(shipped.fulfillment.history.map((step: { status: string }) => step.status), ['preparing', 'shipped']);
      for (const step of shipped.fulfillment.history) assert.ok(new Date(step.at) <= clock());
      const next = await get('/v1/me/questions/next');
      assert.equal(next.next.type, 'feedback');
      assert.equal((await get('/v1/questions', secret)).items.length, 4);
      assert.ok((await get('/v1/reports/feedback', secret)).total.responses > 10);
    } finally {
      await app.close();
    }
  });
}
