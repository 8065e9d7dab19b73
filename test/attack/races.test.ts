import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  agentLogin,
  agentSession,
  all,
  asBackend,
  asPage,
  assertNoServerErrors,
  assertProblem,
  cardholderOwing,
  clearOfWindowEdge,
  demo,
  owedBy,
  putCustomer,
  send,
  shopperToken,
  tally,
  targetForSuite,
  type Answer,
  type Target,
} from './target.ts';

/**
 * Races an attacker wins when a check and its write are apart: many wrong
 * passwords at once, one agent's account locked by someone else's guesses,
 * points spent twice, a payment credited twice or beyond what is owed, a chat
 * message stored twice.
 */

const ceilingAgent = { email: 'techo@tienda-dos.example', name: 'Agente Techo', password: 'contraseña-del-techo-1' };
const suite = targetForSuite({ otherStoreAgents: [ceilingAgent] });

const wrong = (email: string) => ({ email, password: `wrong-${randomBytes(6).toString('hex')}` });
const retryAfter = (answer: Answer) => Number(answer.headers['retry-after']);

/** Every refusal of a sign-in burst is a 429 problem with Retry-After; every checked attempt a plain 401. */
function assertLoginAnswers(answers: Answer[], why: string) {
  for (const answer of answers) {
    if (answer.status === 429) {
      assertProblem(answer, 429, undefined, why);
      assert.ok(retryAfter(answer) >= 1, `${why}: Retry-After on every refusal`);
    } else assertProblem(answer, 401, undefined, why);
  }
}

// Sign-in budgets count in windows of an hour aligned to the clock: each test starts clear of a window's end.
describe('sign-in races and lockout abuse', () => {
  let target: Target;
  before(() => {
    target = suite.current;
  });

  test('40 wrong passwords at once from one address: at most the budget of 5 is checked, the rest are 429', async () => {
    await clearOfWindowEdge(3600, 30);
    const address = '127.0.0.2';
    const started = performance.now();
    const answers = await all(40, () => agentLogin(target, wrong(demo.otherAgent.email), address));
    const seconds = (performance.now() - started) / 1000;
    assertLoginAnswers(answers, '40 at once');
    const counts = tally(answers);
    // Five are let in at once; past them one more each time a wait (1 s, 2 s, 4 s…) has passed since the last,
    // which a burst sees only when a loaded machine stretches it over seconds.
    const budget = 5 + Math.floor(Math.log2(seconds + 1));
    assert.ok((counts[401] ?? 0) >= 1 && (counts[401] ?? 0) <= budget, `passwords checked in ${seconds.toFixed(1)} s: ${JSON.stringify(counts)}, at most ${budget}`);
    assert.equal((counts[401] ?? 0) + (counts[429] ?? 0), 40);
    // The failures are held to their source: the agent signs in from their own address.
    const own = await agentLogin(target, demo.otherAgent, '127.0.0.3');
    assert.equal(own.status, 200, `the agent from another address: ${own.text}`);
  });

  test('past five wrong passwords, a pair of account and address waits, and the wait doubles: 1 s, then 2 s', async () => {
    await clearOfWindowEdge(3600, 30);
    const address = '127.0.0.4';
    for (let attempt = 1; attempt <= 5; attempt++) {
      assertProblem(await agentLogin(target, wrong(demo.otherAgent.email), address), 401, undefined, `attempt ${attempt}`);
    }
    const waits: number[] = [];
    for (let round = 0; round < 2; round++) {
      const refused = await agentLogin(target, wrong(demo.otherAgent.email), address);
      assertProblem(refused, 429, undefined, `refused in round ${round}`);
      waits.push(retryAfter(refused));
      await sleep(retryAfter(refused) * 1000 + 150);
      assertProblem(await agentLogin(target, wrong(demo.otherAgent.email), address), 401, undefined, `after waiting Retry-After, round ${round}: one more is checked`);
    }
    assert.deepEqual(waits, [1, 2], 'the wait doubles');
  });

  test('a right password gives its attempt back: four wrong, the right one, and the fifth wrong is still checked', async () => {
    await clearOfWindowEdge(3600, 30);
    const address = '127.0.0.5';
    for (let attempt = 1; attempt <= 4; attempt++) assertProblem(await agentLogin(target, wrong(demo.otherAgent.email), address), 401, undefined, `wrong ${attempt}`);
    const right = await agentLogin(target, demo.otherAgent, address);
    assert.equal(right.status, 200, right.text);
    const again = await agentLogin(target, demo.otherAgent, address);
    assert.notEqual(again.json().deviceToken, right.json().deviceToken, 'a new device token at each sign-in');
    assertProblem(await agentLogin(target, wrong(demo.otherAgent.email), address), 401, undefined, 'the fifth wrong one, still within the budget');
    assertProblem(await agentLogin(target, wrong(demo.otherAgent.email), address), 429, undefined, 'the sixth');
  });

  test('an attacker\'s wrong passwords from other addresses do not lock the agent out of their own address or known device', async () => {
    await clearOfWindowEdge(3600, 30);
    // The agent signed in before, from their desk: their browser keeps the device token.
    const desk = await agentSession(target, demo.agent, '127.0.0.1');
    const attackers = ['127.0.0.20', '127.0.0.21', '127.0.0.22'];
    const answers = (await Promise.all(attackers.map((address) => all(10, () => agentLogin(target, wrong(demo.agent.email), address))))).flat();
    assertLoginAnswers(answers, 'the attack');
    assert.ok((tally(answers)[429] ?? 0) >= 12, `each attacking address is refused past its budget: ${JSON.stringify(tally(answers))}`);

    const fromDesk = await agentLogin(target, demo.agent, '127.0.0.1');
    assert.equal(fromDesk.status, 200, `the agent at their own address: ${fromDesk.text}`);
    const knownDevice = await agentLogin(target, { ...demo.agent, deviceToken: desk.deviceToken }, attackers[0]);
    assert.equal(knownDevice.status, 200, `the agent's known device, even from an attacker's address: ${knownDevice.text}`);
  });

  test('past the ceiling of 30 wrong passwords an hour per account, only a known device signs in', async () => {
    await clearOfWindowEdge(3600, 45);
    const other = target.other!;
    const known = await agentSession(target, ceilingAgent, '127.0.0.30', other.publishableKey);
    const attackers = Array.from({ length: 7 }, (_, index) => `127.0.0.${31 + index}`);
    const answers = (
      await Promise.all(attackers.map((address) => all(6, () => agentLogin(target, wrong(ceilingAgent.email), address, other.publishableKey))))
    ).flat();
    assertLoginAnswers(answers, 'seven addresses');
    assert.equal(tally(answers)[401], 30, `exactly the ceiling is checked: ${JSON.stringify(tally(answers))}`);

    const unknownDevice = await agentLogin(target, ceilingAgent, '127.0.0.38', other.publishableKey);
    assertProblem(unknownDevice, 429, undefined, 'the right password from a new device past the ceiling');
    const forgedDevice = await agentLogin(target, { ...ceilingAgent, deviceToken: 'eyJhbGciOiJIUzI1NiJ9.e30.forged' }, '127.0.0.38', other.publishableKey);
    assertProblem(forgedDevice, 429, undefined, 'a made-up device token counts as no device');
    const demoDevice = (await agentSession(target, demo.otherAgent, '127.0.0.39')).deviceToken;
    const otherAccountsDevice = await agentLogin(target, { ...ceilingAgent, deviceToken: demoDevice }, '127.0.0.38', other.publishableKey);
    assertProblem(otherAccountsDevice, 429, undefined, 'another account\'s (and store\'s) device token counts as no device');
    const fromKnown = await agentLogin(target, { ...ceilingAgent, deviceToken: known.deviceToken }, '127.0.0.38', other.publishableKey);
    assert.equal(fromKnown.status, 200, `the known device signs in: ${fromKnown.text}`);
  });

  test('a wrong password takes as long and reads the same for an unknown email as for an agent\'s (no account probing)', async () => {
    const known: number[] = [];
    const unknown: number[] = [];
    const bodies = new Set<string>();
    for (let round = 0; round < 5; round++) {
      for (const [email, times, address] of [
        [demo.otherAgent.email, known, '127.0.0.40'],
        [`nadie-${round}@demo.clientela.dev`, unknown, '127.0.0.41'],
      ] as const) {
        const started = performance.now();
        const answer = await agentLogin(target, wrong(email), address);
        times.push(performance.now() - started);
        assertProblem(answer, 401, undefined, email);
        const { type, title, status, detail, errors } = answer.json();
        bodies.add(JSON.stringify({ type, title, status, detail, errors }));
      }
    }
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
    const ratio = median(unknown) / median(known);
    assert.ok(ratio > 0.5 && ratio < 2, `median ${median(unknown).toFixed(0)} ms for unknown emails vs ${median(known).toFixed(0)} ms for the agent's`);
    assert.equal(bodies.size, 1, 'the same refusal either way');
  });
});

describe('points, payments and messages under concurrency', () => {
  let target: Target;
  before(() => {
    target = suite.current;
  });

  /** A fresh shopper of the demo store with exactly `points` points, and a reward of its own costing `cost`. */
  async function shopperWithPoints(id: string, points: number, cost: number) {
    await putCustomer(target, id);
    const correction = await send(target, 'POST', `/v1/customers/${id}/points/corrections`, { headers: asBackend(), body: { id: `${id}-regalo`, amount: points, note: 'Puntos de prueba' } });
    assert.ok(correction.status === 201 || correction.status === 200, correction.text);
    const rewardId = `${id}-premio`;
    const reward = await send(target, 'PUT', `/v1/rewards/${rewardId}`, { headers: asBackend(), body: { name: `Premio de ${id}`, cost } });
    assert.ok(reward.status < 300, reward.text);
    const token = await shopperToken(target, id);
    const balance = async () => (await send(target, 'GET', '/v1/me/points', { headers: asPage(token) })).json().balance as number;
    const redemptions = async () => {
      const history = await send(target, 'GET', '/v1/me/points/history?limit=100', { headers: asPage(token) });
      return (history.json().items as Array<{ reason: string; amount: number }>).filter((entry) => entry.reason === 'redemption');
    };
    assert.equal(await balance(), points);
    return { token, rewardId, balance, redemptions };
  }

  test('200 redemptions at once beyond the balance never overspend', async () => {
    const { token, rewardId, balance, redemptions } = await shopperWithPoints('atk-carrera-puntos', 1_000, 300);
    const answers = await all(200, (index) =>
      send(target, 'POST', '/v1/me/redemptions', { headers: { ...asPage(token), 'idempotency-key': `carrera-${index}-${randomBytes(4).toString('hex')}` }, body: { rewardId } }),
    );
    const counts = tally(answers);
    assert.equal(counts[201], 3, `1,000 points buy three rewards of 300, whatever the race: ${JSON.stringify(counts)}`);
    // 20 a minute per shopper pass the limiter: 40 at most if the burst straddles a minute's end.
    assert.ok((counts[201] ?? 0) + (counts[409] ?? 0) <= 40, `the rest were held to the shopper's budget: ${JSON.stringify(counts)}`);
    for (const answer of answers) {
      if (answer.status === 409) assert.match(answer.json().type, /insufficient-points$/);
      else if (answer.status === 429) assert.ok(retryAfter(answer) >= 1);
      else assert.equal(answer.status, 201, answer.text);
    }
    assert.equal(await balance(), 100);
    assert.equal((await redemptions()).length, 3, 'three redemptions in the ledger');
  });

  test('redemptions at once with one Idempotency-Key make one redemption', async () => {
    const { token, rewardId, balance, redemptions } = await shopperWithPoints('atk-misma-llave', 1_000, 300);
    const key = `misma-llave-${randomBytes(6).toString('hex')}`;
    const answers = await all(15, () => send(target, 'POST', '/v1/me/redemptions', { headers: { ...asPage(token), 'idempotency-key': key }, body: { rewardId } }));
    assert.deepEqual(tally(answers), { 201: 15 }, 'every retry answers the one redemption');
    assert.equal(new Set(answers.map((answer) => answer.json().id)).size, 1);
    assert.equal(await balance(), 700);
    assert.equal((await redemptions()).length, 1);
    const otherBody = await send(target, 'POST', '/v1/me/redemptions', { headers: { ...asPage(token), 'idempotency-key': key }, body: { rewardId: 'otro-premio' } });
    assertProblem(otherBody, 422, undefined, 'the key with another body');
  });

  test('payments at once with the same id credit once; payments at once with different ids never pay beyond what is owed', async () => {
    const customerId = 'atk-carrera-pagos';
    await cardholderOwing(target, customerId, 100_000);
    assert.equal(await owedBy(target, customerId), 100_000);
    const payment = { id: `${customerId}-pago-1`, customerId, amount: 30_000, currency: 'CLP' };
    const same = await all(20, () => send(target, 'POST', '/v1/payments', { headers: asBackend(), body: payment }));
    assert.equal(tally(same)[201], 1, `one credit: ${JSON.stringify(tally(same))}`);
    assert.equal((tally(same)[200] ?? 0) + 1, 20, 'the others answer the same payment');
    assert.equal(new Set(same.map((answer) => answer.json().id)).size, 1);
    assert.equal(await owedBy(target, customerId), 70_000);

    const different = await all(10, (index) =>
      send(target, 'POST', '/v1/payments', { headers: asBackend(), body: { id: `${customerId}-pago-2-${index}`, customerId, amount: 40_000, currency: 'CLP' } }),
    );
    const counts = tally(different);
    assert.equal(counts[201], 1, `70,000 owed takes one payment of 40,000: ${JSON.stringify(counts)}`);
    for (const answer of different) if (answer.status !== 201) assertProblem(answer, 409, 'body.amount', 'beyond what is owed');
    assert.equal(await owedBy(target, customerId), 30_000);
  });

  test('chat messages at once with one client id are stored once; the same client id with another body is refused', async () => {
    const token = await shopperToken(target, 'cli-0003');
    const started = await send(target, 'POST', '/v1/me/conversations', {
      headers: asPage(token),
      body: { clientId: `conv-${randomBytes(6).toString('hex')}`, subject: 'Carrera', message: { clientId: `msg0-${randomBytes(6).toString('hex')}`, body: 'Hola' } },
    });
    assert.equal(started.status, 201, started.text);
    const conversationId = started.json().id as string;
    const clientId = `carrera-${randomBytes(6).toString('hex')}`;
    const same = await all(20, () => send(target, 'POST', `/v1/me/conversations/${conversationId}/messages`, { headers: asPage(token), body: { clientId, body: 'Una sola vez' } }));
    for (const answer of same) assert.ok(answer.status === 201 || answer.status === 200, answer.text);
    assert.equal(new Set(same.map((answer) => `${answer.json().id}/${answer.json().seq}`)).size, 1, 'one message, one seq');

    const twisted = await all(5, (index) =>
      send(target, 'POST', `/v1/me/conversations/${conversationId}/messages`, { headers: asPage(token), body: { clientId, body: `Otro texto ${index}` } }),
    );
    for (const answer of twisted) assertProblem(answer, 409, undefined, 'the same client id with another body');

    const messages = await send(target, 'GET', `/v1/me/conversations/${conversationId}/messages?limit=100`, { headers: asPage(token) });
    const stored = (messages.json().items as Array<{ clientId: string; body: string }>).filter((message) => message.clientId === clientId);
    assert.deepEqual(stored.map((message) => message.body), ['Una sola vez']);

    // Client ids are each author's own: an agent who sends the shopper's client id neither hides the shopper's message nor gets it back.
    const agent = await agentSession(target, demo.otherAgent, '127.0.0.50');
    const reply = await send(target, 'POST', `/v1/agent/conversations/${conversationId}/messages`, { headers: asPage(agent.token), body: { clientId, body: 'Respuesta del agente' } });
    assert.equal(reply.status, 201, reply.text);
    assert.equal(reply.json().author, 'agent');
    assert.equal(reply.json().body, 'Respuesta del agente');
  });

  test('new conversations at once with one client id make one conversation', async () => {
    const token = await shopperToken(target, 'cli-0004');
    const before = (await send(target, 'GET', '/v1/me/conversations', { headers: asPage(token) })).json().items.length as number;
    const body = { clientId: `conv-${randomBytes(6).toString('hex')}`, subject: 'Una', message: { clientId: `msg-${randomBytes(6).toString('hex')}`, body: 'Solo una conversación' } };
    const answers = await all(15, () => send(target, 'POST', '/v1/me/conversations', { headers: asPage(token), body }));
    for (const answer of answers) assert.ok(answer.status === 201 || answer.status === 200, answer.text);
    assert.equal(new Set(answers.map((answer) => answer.json().id)).size, 1);
    const after = (await send(target, 'GET', '/v1/me/conversations', { headers: asPage(token) })).json().items.length as number;
    assert.equal(after, before + 1);
  });

  test('no attack in this file got a 5xx', () => {
    assertNoServerErrors(target);
  });
});
