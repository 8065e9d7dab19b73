import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  agentLogin,
  agentSession,
  asBackend,
  asPage,
  assertNoServerErrors,
  assertProblem,
  clearOfWindowEdge,
  demo,
  openStream,
  putCustomer,
  send,
  shopperToken,
  targetForSuite,
  type Answer,
  type OpenStream,
  type Target,
} from './target.ts';

/**
 * Floods: event streams held open until the server runs out of sockets,
 * messages and sessions minted as fast as a script can, sign-ins from one
 * address. Each must meet a 429 with Retry-After at its budget, and leave
 * everyone else's budget alone.
 */

const suite = targetForSuite();
const retryAfter = (answer: { headers: Record<string, unknown> }) => Number(answer.headers['retry-after']);

/** Sends `make()` until the first 429, at most `limit` times, `batch` at a time; answers what was sent. */
async function untilRefused(make: () => Promise<Answer>, limit: number, batch = 10): Promise<Answer[]> {
  const answers: Answer[] = [];
  while (answers.length < limit && !answers.some((answer) => answer.status === 429)) {
    answers.push(...(await Promise.all(Array.from({ length: Math.min(batch, limit - answers.length) }, make))));
  }
  return answers;
}

describe('event stream caps', () => {
  let target: Target;
  before(() => {
    target = suite.current;
  });

  const closeAll = (streams: OpenStream[]) => streams.forEach((stream) => stream.close());

  test('one session holds 5 streams; the 6th is a 429 with Retry-After; closing one frees its slot', async () => {
    await putCustomer(target, 'atk-streams-1');
    const token = await shopperToken(target, 'atk-streams-1');
    const streams: OpenStream[] = [];
    try {
      for (let index = 0; index < 5; index++) {
        const stream = await openStream(target, '/v1/me/events', asPage(token));
        assert.equal(stream.status, 200, `stream ${index + 1}: ${stream.received()}`);
        streams.push(stream);
      }
      const refused = await openStream(target, '/v1/me/events', asPage(token));
      assert.equal(refused.status, 429, refused.received());
      assert.ok(retryAfter(refused) >= 1, 'Retry-After');
      assert.match(String(refused.headers['content-type']), /^application\/problem\+json/);
      // A conversation's own stream counts against the same session.
      const conversation = await send(target, 'POST', '/v1/me/conversations', {
        headers: asPage(token),
        body: { clientId: `conv-${randomBytes(6).toString('hex')}`, message: { clientId: `msg-${randomBytes(6).toString('hex')}`, body: 'Hola' } },
      });
      assert.equal(conversation.status, 201, conversation.text);
      assert.equal((await openStream(target, `/v1/me/conversations/${conversation.json().id}/events`, asPage(token))).status, 429);

      streams.shift()!.close();
      let reopened: OpenStream | undefined;
      for (let attempt = 0; attempt < 50 && reopened?.status !== 200; attempt++) {
        await sleep(100);
        reopened = await openStream(target, '/v1/me/events', asPage(token));
      }
      assert.equal(reopened?.status, 200, 'a closed stream gives its slot back');
      streams.push(reopened!);
    } finally {
      closeAll(streams);
    }
  });

  test('one shopper holds 10 streams over all their sessions; other shoppers are not held to it', async () => {
    await putCustomer(target, 'atk-streams-2');
    await putCustomer(target, 'atk-streams-3');
    const tokens = [await shopperToken(target, 'atk-streams-2'), await shopperToken(target, 'atk-streams-2'), await shopperToken(target, 'atk-streams-2')];
    const streams: OpenStream[] = [];
    try {
      for (const token of tokens.slice(0, 2)) {
        for (let index = 0; index < 5; index++) {
          const stream = await openStream(target, '/v1/me/events', asPage(token));
          assert.equal(stream.status, 200, stream.received());
          streams.push(stream);
        }
      }
      const eleventh = await openStream(target, '/v1/me/events', asPage(tokens[2]!));
      assert.equal(eleventh.status, 429, 'the 11th stream of one shopper, from a third session');
      assert.ok(retryAfter(eleventh) >= 1);
      const neighbour = await openStream(target, '/v1/me/events', asPage(await shopperToken(target, 'atk-streams-3')));
      assert.equal(neighbour.status, 200, 'another shopper opens theirs');
      streams.push(neighbour);
    } finally {
      closeAll(streams);
    }
  });

  test('a store\'s shoppers hold 5,000 streams in all; past that a 429, and the store\'s agents are counted apart', async () => {
    // 500 shoppers of our own, two sessions each, five streams a session: the store's whole share.
    const shoppers = Array.from({ length: 500 }, (_, index) => `atk-masa-${index}`);
    for (let at = 0; at < shoppers.length; at += 50) await Promise.all(shoppers.slice(at, at + 50).map((id) => putCustomer(target, id)));
    const sessions: string[] = [];
    for (let at = 0; at < shoppers.length; at += 50) {
      sessions.push(...(await Promise.all(shoppers.slice(at, at + 50).flatMap((id) => [shopperToken(target, id), shopperToken(target, id)]))));
    }
    const streams: OpenStream[] = [];
    try {
      for (let at = 0; at < sessions.length; at += 20) {
        const opened = await Promise.all(sessions.slice(at, at + 20).flatMap((token) => Array.from({ length: 5 }, () => openStream(target, '/v1/me/events', asPage(token)))));
        streams.push(...opened);
        const refused = opened.filter((stream) => stream.status !== 200);
        assert.deepEqual(refused.map((stream) => stream.status), [], `within the store's share, at ${streams.length}`);
      }
      assert.equal(streams.length, 5_000);
      await putCustomer(target, 'atk-masa-extra');
      const beyond = await openStream(target, '/v1/me/events', asPage(await shopperToken(target, 'atk-masa-extra')));
      assert.equal(beyond.status, 429, 'the 5,001st shopper stream of the store');
      assert.ok(retryAfter(beyond) >= 1);
      const agent = await openStream(target, '/v1/agent/events', asPage((await agentSession(target, demo.otherAgent, '127.0.0.63')).token));
      assert.equal(agent.status, 200, 'an agent of the store still opens the console\'s stream');
      streams.push(agent);
    } finally {
      closeAll(streams);
    }
    let reopened: OpenStream | undefined;
    for (let attempt = 0; attempt < 50 && reopened?.status !== 200; attempt++) {
      await sleep(100);
      reopened = await openStream(target, '/v1/me/events', asPage(await shopperToken(target, 'atk-masa-extra')));
    }
    assert.equal(reopened?.status, 200, 'once they close, the share is free again');
    reopened!.close();
  });

  test('one agent session holds 5 streams', async () => {
    const { token } = await agentSession(target, demo.agent, '127.0.0.60');
    const streams: OpenStream[] = [];
    try {
      for (let index = 0; index < 5; index++) {
        const stream = await openStream(target, '/v1/agent/events', asPage(token));
        assert.equal(stream.status, 200, stream.received());
        streams.push(stream);
      }
      const refused = await openStream(target, '/v1/agent/events', asPage(token));
      assert.equal(refused.status, 429);
      assert.ok(retryAfter(refused) >= 1);
    } finally {
      closeAll(streams);
    }
  });
});

describe('request floods', () => {
  let target: Target;
  before(() => {
    target = suite.current;
  });

  test('a message flood from one shopper meets a 429 at 120 a minute, stores nothing refused, and leaves other shoppers alone', async () => {
    await clearOfWindowEdge(60, 20);
    await putCustomer(target, 'atk-flood-chat');
    const token = await shopperToken(target, 'atk-flood-chat');
    const started = await send(target, 'POST', '/v1/me/conversations', {
      headers: asPage(token),
      body: { clientId: `conv-${randomBytes(6).toString('hex')}`, message: { clientId: `msg-${randomBytes(6).toString('hex')}`, body: 'Primero' } },
    });
    assert.equal(started.status, 201, started.text);
    const conversationId = started.json().id as string;
    let sent = 0;
    const answers = await untilRefused(
      () => send(target, 'POST', `/v1/me/conversations/${conversationId}/messages`, { headers: asPage(token), body: { clientId: `flood-${sent++}-${randomBytes(4).toString('hex')}`, body: 'spam' } }),
      200,
    );
    const accepted = answers.filter((answer) => answer.status === 201).length;
    const refused = answers.filter((answer) => answer.status === 429);
    assert.ok(refused.length > 0, 'the flood met a 429');
    for (const answer of refused) {
      assertProblem(answer, 429);
      assert.ok(retryAfter(answer) >= 1 && retryAfter(answer) <= 60, `Retry-After within the minute: ${retryAfter(answer)}`);
    }
    // The conversation's first message counts too.
    assert.equal(accepted + 1, 120, 'exactly the budget got through');
    const stored = await send(target, 'GET', `/v1/me/conversations/${conversationId}/messages?limit=200`, { headers: asPage(token) });
    assert.equal(stored.json().items.length, accepted + 1, 'refused messages were not stored');

    const neighbour = await shopperToken(target, 'cli-0002');
    const other = await send(target, 'POST', '/v1/me/conversations', {
      headers: asPage(neighbour),
      body: { clientId: `conv-${randomBytes(6).toString('hex')}`, message: { clientId: `msg-${randomBytes(6).toString('hex')}`, body: 'Yo también' } },
    });
    assert.equal(other.status, 201, 'another shopper writes');
  });

  test('a session-minting flood for one customer meets a 429 at 60 a minute; other customers still get sessions', async () => {
    await clearOfWindowEdge(60, 15);
    await putCustomer(target, 'atk-flood-sessions');
    const answers = await untilRefused(() => send(target, 'POST', '/v1/sessions', { headers: asBackend(), body: { customerId: 'atk-flood-sessions' } }), 120);
    const minted = answers.filter((answer) => answer.status === 201).length;
    assert.equal(minted, 60, 'exactly the budget was minted');
    const refused = answers.find((answer) => answer.status === 429)!;
    assertProblem(refused, 429);
    assert.ok(retryAfter(refused) >= 1 && retryAfter(refused) <= 60);
    assert.match(String(refused.headers['ratelimit-policy']), /^60;w=60$/);
    assert.equal((await send(target, 'POST', '/v1/sessions', { headers: asBackend(), body: { customerId: 'cli-0002' } })).status, 201, 'another customer');
  });

  test('a sign-in flood from one address meets a 429 at 60 attempts a minute, for any account, whatever X-Forwarded-For says', async () => {
    await clearOfWindowEdge(60, 20);
    const address = '127.0.0.61';
    // One unknown account: past its first five (each checked against a decoy hash), the attempts are refused cheaply by
    // that account's budget, and every one of them still counts against the address. Each claims another address in
    // the headers a proxy would set: the server counts the connection's peer, not what a client says it is.
    const email = `inundacion-${randomBytes(4).toString('hex')}@demo.clientela.dev`;
    const spoofed = () => {
      const address = `203.0.113.${Math.floor(Math.random() * 254) + 1}`;
      return { 'x-forwarded-for': address, 'x-real-ip': address, forwarded: `for=${address}` };
    };
    const answers: Answer[] = [];
    for (let round = 0; round < 7; round++) {
      answers.push(
        ...(await Promise.all(
          Array.from({ length: 10 }, () =>
            send(target, 'POST', '/v1/agent/login', { headers: { 'x-publishable-key': demo.publishableKey, ...spoofed() }, body: { email, password: 'x' }, localAddress: address }),
          ),
        )),
      );
    }
    const policies = answers.filter((answer) => answer.status === 429).map((answer) => String(answer.headers['ratelimit-policy']));
    assert.ok(policies.includes('60;w=60'), `the address's budget answered some: ${[...new Set(policies)].join(', ')}`);
    assert.equal(answers.filter((answer) => answer.status === 429 && answer.headers['ratelimit-policy'] === '60;w=60').length, 10, 'exactly the 10 past 60');
    // Now even the right password of a real agent from that address waits; from another address it does not.
    const right = await agentLogin(target, demo.otherAgent, address);
    assertProblem(right, 429, undefined, 'the right password from the flooding address');
    assert.equal(right.headers['ratelimit-policy'], '60;w=60');
    assert.equal((await agentLogin(target, demo.otherAgent, '127.0.0.62')).status, 200, 'the agent from another address');
  });

  test('no attack in this file got a 5xx', () => {
    assertNoServerErrors(target);
  });
});
