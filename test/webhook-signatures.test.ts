import assert from 'node:assert/strict';
import { test } from 'node:test';
import { verifyWebhookSignature } from '@clientela/client';
import { webhookSignature } from '../packages/server/src/modules/webhooks/index.ts';

// What the server signs a delivery with, a merchant's receiver checks with the client's helper.
test("a webhook the server signs passes the client's check, and nothing else does", async () => {
  const secret = 'whsec_0123456789abcdefghijklmnopqrstuvwxyzABCD';
  const body = JSON.stringify({ id: 'evt_1', type: 'tier.changed', data: { customerId: 'ana', from: 'potential', to: 'top' } });
  const now = new Date('2026-11-20T15:00:00Z');
  const timestamp = String(now.getTime() / 1000);
  const signature = webhookSignature(secret, Number(timestamp), body);

  assert.equal(await verifyWebhookSignature(secret, signature, timestamp, body, 300, now), true);
  assert.equal(await verifyWebhookSignature(secret, signature, timestamp, body.replace('"ana"', '"bruno"'), 300, now), false, 'tampered');
  assert.equal(await verifyWebhookSignature('whsec_another', signature, timestamp, body, 300, now), false, 'another secret');
  assert.equal(await verifyWebhookSignature(secret, signature, timestamp, body, 300, new Date(now.getTime() + 301_000)), false, 'too old');
});
