import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { eventStreamResponse, StreamSlots } from './event-stream.ts';

describe('event streams', () => {
  const request = (signal?: AbortSignal) => new Request('http://clientela.test/v1/me/events', signal ? { signal } : {});
  const subscribed = async () => () => undefined;

  test('a stream ends once, whichever side ends it, and even when it never opened', async () => {
    const ends = { aborted: 0, cancelled: 0, failed: 0 };

    const client = new AbortController();
    await eventStreamResponse(request(client.signal), subscribed, { onEnd: () => ends.aborted++ });
    client.abort();
    client.abort();

    const response = await eventStreamResponse(request(), subscribed, { onEnd: () => ends.cancelled++ });
    // What a server does when it stops sending: the Node adapter or a proxy in front cancels the body.
    await response.body!.cancel();

    const refused = eventStreamResponse(request(), () => Promise.reject(new Error('the database is gone')), { onEnd: () => ends.failed++ });
    await assert.rejects(refused, /the database is gone/);

    assert.deepEqual(ends, { aborted: 1, cancelled: 1, failed: 1 });
  });

  test('slots are counted per store and subject, refused past a limit with Retry-After, and given back once', () => {
    const slots = new StreamSlots({ streamsPerSession: 1, streamsPerCustomer: 2 });
    const refusal = (work: () => unknown) => {
      try {
        work();
      } catch (error) {
        return { status: (error as { status: number }).status, retryAfter: (error as { headers: Record<string, string> }).headers['retry-after'] };
      }
      return null;
    };
    const release = slots.take('m1', [['streamsPerSession', 's1'], ['streamsPerCustomer', 'ana']]);
    assert.deepEqual(refusal(() => slots.take('m1', [['streamsPerSession', 's1'], ['streamsPerCustomer', 'ana']])), { status: 429, retryAfter: '20' });
    // The refused call took nothing: Ana still has one of her two.
    slots.take('m1', [['streamsPerSession', 's2'], ['streamsPerCustomer', 'ana']]);
    assert.equal(refusal(() => slots.take('m1', [['streamsPerSession', 's3'], ['streamsPerCustomer', 'ana']]))?.status, 429);
    assert.equal(refusal(() => slots.take('m2', [['streamsPerSession', 's1'], ['streamsPerCustomer', 'ana']])), null, 'another store counts apart');
    release();
    release();
    slots.take('m1', [['streamsPerSession', 's1'], ['streamsPerCustomer', 'ana']]);
    assert.equal(refusal(() => slots.take('m1', [['streamsPerCustomer', 'ana']]))?.status, 429, 'a second release gave back nothing more');
  });
});
