import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  agentSession,
  asBackend,
  asPage,
  assertNoServerErrors,
  assertProblem,
  decodeJwt,
  demo,
  openStream,
  putCustomer,
  send,
  shopperToken,
  signJwt,
  storeKey,
  targetForSuite,
  within,
  type Target,
} from './target.ts';

/**
 * Tokens as an attacker meets them: forged, replayed, carried to another
 * store or role, kept after their session was ended, or signed with a key
 * that leaked; and the keys and passwords in a stolen copy of the data folder.
 *
 * The server runs with a TOKEN_SECRET the test knows, so that the test can
 * derive a store's signing key as the server does: that stands for a store's
 * key that leaked, and lets every check besides the signature (issue time,
 * audience, lifetime, store, key version) be attacked with a token whose
 * signature is good. The first test proves such a token is accepted, so each
 * refusal after it is owed to the one thing the token gets wrong.
 */

const tokenSecret = `attack-suite-token-secret-${randomBytes(12).toString('hex')}`;
const suite = targetForSuite({ otherStore: true, tokenSecret });
const now = () => Math.floor(Date.now() / 1000);
const jti = () => randomBytes(16).toString('base64url');

/** The claims the server puts in a demo shopper's token, for `sub`, valid now. */
const shopperClaims = (sub: string, extra: Record<string, unknown> = {}) => ({
  mid: demo.merchantId,
  sv: 0,
  iss: 'clientela',
  aud: 'clientela:shopper',
  sub,
  jti: jti(),
  iat: now() - 5,
  exp: now() + 600,
  ...extra,
});
const demoHeader = (extra: Record<string, unknown> = {}) => ({ alg: 'HS256', typ: 'JWT', kid: `${demo.merchantId}.v1`, ...extra });

const me = (target: Target, token: string, publishableKey?: string) =>
  send(target, 'GET', '/v1/me', { headers: publishableKey ? asPage(token, publishableKey) : { authorization: `Bearer ${token}` } });
const agentMe = (target: Target, token: string) => send(target, 'GET', '/v1/agent/me', { headers: asPage(token) });

/** A refused token: 401, a problem document, and nothing of anyone's data. */
function assertRefused(answer: { status: number; text: string; headers: Record<string, unknown> }, why: string) {
  const problem = assertProblem(answer as Parameters<typeof assertProblem>[0], 401, undefined, why);
  assert.doesNotMatch(answer.text, /firstName|lastName|"email"/, `${why}: the refusal carries no data`);
  return problem;
}

describe('forged and misused tokens', () => {
  let target: Target;
  let demoShopper: string;
  before(async () => {
    target = suite.current;
    demoShopper = await shopperToken(target, 'cli-0001');
  });

  test('control: a token made with the store\'s key and the claims the server gives is accepted (the forging below is sound)', async () => {
    const key = storeKey(tokenSecret, demo.merchantId);
    const genuine = decodeJwt(demoShopper);
    assert.deepEqual(genuine.header, demoHeader(), 'the server signs HS256 under kid <store>.v<version>');
    assert.deepEqual(Object.keys(genuine.payload).sort(), Object.keys(shopperClaims('x')).sort());
    const forged = signJwt(demoHeader(), shopperClaims('cli-0002'), key);
    const answer = await me(target, forged);
    assert.equal(answer.status, 200, answer.text);
    assert.equal(answer.json().id, 'cli-0002');
  });

  test('alg none, a stripped signature and an empty token are refused', async () => {
    const claims = shopperClaims('cli-0001');
    for (const [why, token] of [
      ['alg none', signJwt(demoHeader({ alg: 'none' }), claims, '')],
      ['alg None', signJwt(demoHeader({ alg: 'None' }), claims, '')],
      ['alg none without kid', signJwt({ alg: 'none', typ: 'JWT' }, claims, '')],
      ['HS256 header, signature stripped', `${demoShopper.split('.').slice(0, 2).join('.')}.`],
      ['HS256 header, no third part', demoShopper.split('.').slice(0, 2).join('.')],
      ['garbage', 'not-a-token'],
      ['an empty JWT', '..'],
    ] as const) {
      assertRefused(await me(target, token), why);
    }
  });

  test('tokens signed with guessed or other keys are refused: secrets, the keys of the page, the server secret itself, another store\'s key', async () => {
    const claims = () => shopperClaims('cli-0001');
    const other = suite.current.other!;
    for (const [why, key] of [
      ['the word secret', 'secret'],
      ['an empty key', ''],
      ['the publishable key from the page', demo.publishableKey],
      ['the secret key', demo.secretKey],
      ['the server\'s TOKEN_SECRET itself (it signs nothing)', tokenSecret],
      ['the other store\'s key', storeKey(tokenSecret, other.id)],
      ['the store\'s key of a version not issued yet', storeKey(tokenSecret, demo.merchantId, 2)],
    ] as const) {
      assertRefused(await me(target, signJwt(demoHeader(), claims(), key)), why);
    }
  });

  test('the right key under HS384 or HS512 is refused: HS256 is pinned', async () => {
    const key = storeKey(tokenSecret, demo.merchantId);
    for (const alg of ['HS384', 'HS512']) {
      assertRefused(await me(target, signJwt(demoHeader({ alg }), shopperClaims('cli-0001'), key)), alg);
    }
  });

  test('a kid that is missing, unknown, of a version not issued, or of another store is refused', async () => {
    const other = suite.current.other!;
    const demoKey = storeKey(tokenSecret, demo.merchantId);
    const cases: Array<[string, Record<string, unknown>, Record<string, unknown>, Buffer]> = [
      ['no kid', { alg: 'HS256', typ: 'JWT' }, shopperClaims('cli-0001'), demoKey],
      ['kid of a version not issued', demoHeader({ kid: `${demo.merchantId}.v2` }), shopperClaims('cli-0001'), storeKey(tokenSecret, demo.merchantId, 2)],
      ['kid version 0', demoHeader({ kid: `${demo.merchantId}.v0` }), shopperClaims('cli-0001'), storeKey(tokenSecret, demo.merchantId, 0)],
      ['kid of a huge version', demoHeader({ kid: `${demo.merchantId}.v99999999999999999999` }), shopperClaims('cli-0001'), demoKey],
      ['kid of a store that does not exist', demoHeader({ kid: 'mer_nadie.v1' }), shopperClaims('cli-0001', { mid: 'mer_nadie' }), storeKey(tokenSecret, 'mer_nadie')],
      ['kid as a number', demoHeader({ kid: 1 }), shopperClaims('cli-0001'), demoKey],
      ['kid of the other store, signed with its key, claiming the demo store', demoHeader({ kid: `${other.id}.v1` }), shopperClaims('cli-0001'), storeKey(tokenSecret, other.id)],
      ['kid of the demo store, claiming the other store', demoHeader(), shopperClaims('cli-0001', { mid: other.id }), demoKey],
      ['kid of the demo store, signed with the other store\'s key', demoHeader(), shopperClaims('cli-0001'), storeKey(tokenSecret, other.id)],
    ];
    for (const [why, header, claims, key] of cases) {
      assertRefused(await me(target, signJwt(header, claims, key)), why);
    }
  });

  test('time claims are checked: issued in the future, expired, too long a life, not yet valid, missing', async () => {
    const key = storeKey(tokenSecret, demo.merchantId);
    const t = now();
    const cases: Array<[string, Record<string, unknown>]> = [
      ['issued 10 minutes in the future', { iat: t + 600, exp: t + 900 }],
      ['issued 2 minutes in the future (beyond clock skew)', { iat: t + 120, exp: t + 400 }],
      ['issued in year 2100, expiring soon after', { iat: 4_102_444_800, exp: 4_102_445_000 }],
      ['a life of 16 minutes (a shopper token lives 15 at most)', { iat: t - 5, exp: t - 5 + 16 * 60 }],
      ['a life of a year', { iat: t - 5, exp: t + 365 * 86_400 }],
      ['not valid before 5 minutes from now', { nbf: t + 300 }],
      ['no exp', { exp: undefined }],
      ['no iat', { iat: undefined }],
      ['exp as a string', { exp: String(t + 600) }],
    ];
    for (const [why, times] of cases) {
      assertRefused(await me(target, signJwt(demoHeader(), shopperClaims('cli-0001', times), key)), why);
    }
    const expired = assertRefused(await me(target, signJwt(demoHeader(), shopperClaims('cli-0001', { iat: t - 1200, exp: t - 300 }), key)), 'expired 5 minutes ago');
    assert.match(expired.type, /token-expired$/, 'an expired genuine token says so, so the widget can ask for a new one');
  });

  test('audience arrays, another role\'s audience and device tokens are refused', async () => {
    const key = storeKey(tokenSecret, demo.merchantId);
    for (const [why, aud] of [
      ['aud as a one-element array', ['clientela:shopper']],
      ['aud as an array of both roles', ['clientela:shopper', 'clientela:agent']],
      ['aud of agents', 'clientela:agent'],
      ['aud of devices', 'clientela:device'],
      ['no aud', undefined],
    ] as const) {
      assertRefused(await me(target, signJwt(demoHeader(), shopperClaims('cli-0001', { aud }), key)), `shopper endpoint, ${why}`);
    }
    const { token: agentToken, deviceToken } = await agentSession(target, demo.otherAgent, '127.0.0.90');
    const agentId = (await agentMe(target, agentToken)).json().id as string;
    const agentClaims = (aud: unknown) => ({ ...shopperClaims(agentId), aud });
    assertRefused(await agentMe(target, signJwt(demoHeader(), agentClaims(['clientela:agent']), key)), 'agent endpoint, aud array');
    assertRefused(await agentMe(target, signJwt(demoHeader(), agentClaims(['clientela:agent', 'clientela:shopper']), key)), 'agent endpoint, aud array of both');
    const control = await agentMe(target, signJwt(demoHeader(), agentClaims('clientela:agent'), key));
    assert.equal(control.status, 200, `control: the same agent token with a plain aud: ${control.text}`);

    assertRefused(await me(target, agentToken), 'an agent token at a shopper endpoint');
    assertRefused(await agentMe(target, demoShopper), 'a shopper token at an agent endpoint');
    assertRefused(await agentMe(target, deviceToken), 'a device token (from sign-in) as an agent token');
    assertRefused(await me(target, deviceToken), 'a device token as a shopper token');
  });

  test('other claims are checked: issuer, token id, session version, store, subject', async () => {
    const key = storeKey(tokenSecret, demo.merchantId);
    for (const [why, extra] of [
      ['another issuer', { iss: 'evil' }],
      ['no issuer', { iss: undefined }],
      ['no token id', { jti: undefined }],
      ['a token id of 65 characters', { jti: 'a'.repeat(65) }],
      ['a negative session version', { sv: -1 }],
      ['a fractional session version', { sv: 0.5 }],
      ['no session version', { sv: undefined }],
      ['no store', { mid: undefined }],
      ['no subject', { sub: undefined }],
    ] as const) {
      assertRefused(await me(target, signJwt(demoHeader(), shopperClaims('cli-0001', extra), key)), why);
    }
  });

  test('a genuine token tampered with is refused: another subject, another header, a flipped bit', async () => {
    const [header, payload, signature] = demoShopper.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    const reencode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const flipped = signature.slice(0, -2) + (signature.at(-2) === 'A' ? 'B' : 'A') + signature.at(-1);
    for (const [why, token] of [
      ['subject changed to another shopper', `${header}.${reencode({ ...claims, sub: 'cli-0002' })}.${signature}`],
      ['expiry pushed out', `${header}.${reencode({ ...claims, exp: claims.exp + 3600 })}.${signature}`],
      ['header switched to alg none', `${reencode({ alg: 'none', typ: 'JWT', kid: 'mer_demo.v1' })}.${payload}.${signature}`],
      ['header switched to HS512', `${reencode({ alg: 'HS512', typ: 'JWT', kid: 'mer_demo.v1' })}.${payload}.${signature}`],
      ['a flipped signature bit', `${header}.${payload}.${flipped}`],
      ['signature of another token', `${header}.${payload}.${decodeJwt(signJwt(demoHeader(), shopperClaims('cli-0001'), 'x')).signature}`],
    ] as const) {
      assertRefused(await me(target, token), why);
    }
    const untouched = await me(target, demoShopper);
    assert.equal(untouched.json().id, 'cli-0001', 'control: the untouched token works');
  });

  test('keys are not tokens: the secret or publishable key as a Bearer token at a shopper endpoint is refused', async () => {
    assertRefused(await me(target, demo.secretKey), 'secret key as a shopper token');
    assertRefused(await me(target, demo.publishableKey), 'publishable key as a shopper token');
    assertRefused(await agentMe(target, demo.secretKey), 'secret key as an agent token');
  });

  test('a token of one store is refused at another, and never shows the other store\'s customer of the same id', async () => {
    const other = suite.current.other!;
    // The other store has a customer with the very id of a demo shopper.
    await putCustomer(target, 'cli-0001', 'Bruno', other.secretKey);
    const otherShopper = await shopperToken(target, 'cli-0001', other.secretKey);
    assertRefused(await me(target, otherShopper, demo.publishableKey), 'the other store\'s token with the demo store\'s key');
    assertRefused(await me(target, demoShopper, other.publishableKey), 'the demo store\'s token with the other store\'s key');
    const own = await me(target, otherShopper);
    assert.equal(own.status, 200, own.text);
    assert.equal(own.json().firstName, 'Bruno', 'the other store\'s token sees its own store\'s customer');
    const demoOwn = await me(target, demoShopper);
    assert.notEqual(demoOwn.json().firstName, 'Bruno');
    // From a page of the demo store, the other store's token is held to its own store's origins.
    const fromDemoPage = await send(target, 'GET', '/v1/me', { headers: { authorization: `Bearer ${otherShopper}`, origin: target.origin } });
    assertProblem(fromDemoPage, 403, undefined, 'the other store\'s token from a demo page');
    const agent = await agentSession(target, demo.otherAgent, '127.0.0.91');
    assertRefused(await send(target, 'GET', '/v1/agent/me', { headers: asPage(agent.token, other.publishableKey) }), 'the demo agent at the other store');
    const otherAgentLogin = await send(target, 'POST', '/v1/agent/login', {
      headers: { 'x-publishable-key': other.publishableKey },
      body: demo.otherAgent,
      localAddress: '127.0.0.91',
    });
    assertRefused(otherAgentLogin, 'the demo agent\'s email and password at the other store');
  });
});

describe('sign-out and revocation', { concurrency: true }, () => {
  let target: Target;
  before(() => {
    target = suite.current;
  });

  test('open event streams of an ended session end at their next heartbeat; others stay open', async () => {
    await putCustomer(target, 'atk-stream-revoked');
    await putCustomer(target, 'atk-stream-kept');
    const revokedShopper = await shopperToken(target, 'atk-stream-revoked');
    const keptShopper = await shopperToken(target, 'atk-stream-kept');
    const agent = await agentSession(target, demo.otherAgent, '127.0.0.92');
    const keptAgent = await agentSession(target, demo.otherAgent, '127.0.0.92');
    // The kept streams open first, so their heartbeats come before those of the streams that must end.
    const keptStreams = {
      keptShopper: await openStream(target, '/v1/me/events', asPage(keptShopper)),
      keptAgent: await openStream(target, '/v1/agent/events', asPage(keptAgent.token)),
    };
    const streams = {
      ...keptStreams,
      shopper: await openStream(target, '/v1/me/events', asPage(revokedShopper)),
      agent: await openStream(target, '/v1/agent/events', asPage(agent.token)),
    };
    for (const [name, stream] of Object.entries(streams)) assert.equal(stream.status, 200, `${name} stream opens`);

    const ended = await send(target, 'DELETE', '/v1/customers/atk-stream-revoked/sessions', { headers: asBackend() });
    assert.equal(ended.status, 204, ended.text);
    const loggedOut = await send(target, 'POST', '/v1/agent/logout', { headers: asPage(agent.token), body: {} });
    assert.equal(loggedOut.status, 204, loggedOut.text);

    // A heartbeat comes every 20 s: each ended stream must be gone by then.
    assert.ok(await within(streams.shopper.ended, 30_000), 'the shopper\'s stream ended');
    assert.ok(await within(streams.agent.ended, 30_000), 'the agent\'s stream ended');
    await sleep(1_000);
    for (const [name, stream] of Object.entries(keptStreams)) {
      assert.match(stream.received(), /: ping/, `${name}: its heartbeat came too`);
      assert.ok(!stream.isEnded(), `${name}: another shopper's, or the same agent's other session's, stream goes on`);
    }
    // A signed-out session cannot open a new one either.
    assertRefused(await send(target, 'GET', '/v1/me/events', { headers: asPage(revokedShopper) }), 'a new stream of the ended shopper session');
    assertRefused(await send(target, 'GET', '/v1/agent/events', { headers: asPage(agent.token) }), 'a new stream of the signed-out agent session');
    streams.keptShopper.close();
    streams.keptAgent.close();
  });

  test('a copied agent token is refused after its logout; the agent\'s other sessions go on until "everywhere"', async () => {
    const address = '127.0.0.93';
    const first = await agentSession(target, demo.agent, address);
    const second = await agentSession(target, demo.agent, address);
    const third = await agentSession(target, demo.agent, address);
    const copied = first.token;

    const out = await send(target, 'POST', '/v1/agent/logout', { headers: asPage(first.token), body: {} });
    assert.equal(out.status, 204, out.text);
    assertRefused(await agentMe(target, copied), 'the copied token at /v1/agent/me');
    assertRefused(await send(target, 'GET', '/v1/agent/conversations', { headers: asPage(copied) }), 'the copied token at the inbox');
    assertRefused(await send(target, 'POST', '/v1/agent/logout', { headers: asPage(copied), body: {} }), 'the copied token signing out again');
    assert.equal((await agentMe(target, second.token)).status, 200, 'another session of the agent goes on');

    const everywhere = await send(target, 'POST', '/v1/agent/logout', { headers: asPage(second.token), body: { everywhere: true } });
    assert.equal(everywhere.status, 204, everywhere.text);
    assertRefused(await agentMe(target, second.token), 'the session that signed out everywhere');
    assertRefused(await agentMe(target, third.token), 'a session from before "everywhere"');
    const again = await agentSession(target, demo.agent, address);
    assert.equal((await agentMe(target, again.token)).status, 200, 'the agent signs in again afterwards');
  });

  test('a shopper\'s tokens are refused once the store ends their sessions; other shoppers and other stores are untouched', async () => {
    const other = target.other!;
    await putCustomer(target, 'atk-revoked');
    await putCustomer(target, 'atk-bystander');
    await putCustomer(target, 'atk-revoked', 'Berta', other.secretKey);
    const tokens = [await shopperToken(target, 'atk-revoked'), await shopperToken(target, 'atk-revoked')];
    const bystander = await shopperToken(target, 'atk-bystander');
    const sameIdOtherStore = await shopperToken(target, 'atk-revoked', other.secretKey);

    const ended = await send(target, 'DELETE', '/v1/customers/atk-revoked/sessions', { headers: asBackend() });
    assert.equal(ended.status, 204, ended.text);
    for (const [index, token] of tokens.entries()) {
      assertRefused(await me(target, token), `token ${index + 1} at /v1/me`);
      assertRefused(
        await send(target, 'POST', '/v1/me/conversations', { headers: asPage(token), body: { clientId: `revoked-${index}-aaaaaaaa`, message: { clientId: `revoked-${index}-bbbbbbbb`, body: 'hola' } } }),
        `token ${index + 1} writing`,
      );
    }
    assert.equal((await me(target, bystander)).status, 200, 'another shopper goes on');
    assert.equal((await me(target, sameIdOtherStore)).status, 200, 'the other store\'s customer of the same id goes on');
    assert.equal((await me(target, await shopperToken(target, 'atk-revoked'))).status, 200, 'a session minted afterwards works');

    // Only the secret key of the customer's own store ends their sessions.
    assertProblem(await send(target, 'DELETE', '/v1/customers/atk-bystander/sessions', { headers: asBackend(other.secretKey) }), 404, undefined, 'another store');
    assertProblem(await send(target, 'DELETE', '/v1/customers/nobody-at-all/sessions', { headers: asBackend() }), 404, undefined, 'an unknown customer');
    assertProblem(await send(target, 'DELETE', '/v1/customers/atk-bystander/sessions', { headers: asPage(bystander) }), 401, undefined, 'a shopper token');
    assertProblem(await send(target, 'DELETE', '/v1/customers/atk-bystander/sessions', { headers: { authorization: `Bearer ${demo.publishableKey}` } }), 401, undefined, 'the publishable key');
    assert.equal((await me(target, bystander)).status, 200, 'the refused calls ended nothing');
  });
});

describe('signing keys rotate; a stolen data folder holds no key or password in clear', () => {
  let target: Target;
  let before1: { shopper: string; agent: string; other: string; signedOut: string };
  before(async () => {
    target = suite.current;
    const other = target.other!;
    const agent = await agentSession(target, demo.otherAgent, '127.0.0.94');
    const signedOut = await agentSession(target, demo.otherAgent, '127.0.0.94');
    assert.equal((await send(target, 'POST', '/v1/agent/logout', { headers: asPage(signedOut.token), body: {} })).status, 204);
    before1 = { shopper: await shopperToken(target, 'cli-0001'), agent: agent.token, other: await shopperToken(target, 'cli-0001', other.secretKey), signedOut: signedOut.token };
  });

  // One stop serves two attacks: a copy of the data folder is taken while the server is down, then the store's key rotates.
  let files: Buffer[] = [];

  test('after a restart signed-out tokens stay refused; after a rotation new tokens carry the next kid and those under the previous key keep working until they expire', async () => {
    await target.restart(async () => {
      const names = await readdir(target.dataDir, { recursive: true, withFileTypes: true });
      files = await Promise.all(names.filter((entry) => entry.isFile()).map((entry) => readFile(path.join(entry.parentPath, entry.name))));
      await target.cli('merchant', 'rotate-token-key', '--merchant', demo.merchantId);
    });
    assertRefused(await agentMe(target, before1.signedOut), 'a signed-out agent token stays refused after a restart');
    const fresh = await shopperToken(target, 'cli-0001');
    assert.equal(decodeJwt(fresh).header.kid, `${demo.merchantId}.v2`);
    assert.equal((await me(target, fresh)).status, 200);
    assert.equal((await me(target, before1.shopper)).status, 200, 'a v1 shopper token within its life');
    assert.equal((await agentMe(target, before1.agent)).status, 200, 'a v1 agent token within its life');
    const forgedV2 = signJwt(demoHeader({ kid: `${demo.merchantId}.v2` }), shopperClaims('cli-0002'), storeKey(tokenSecret, demo.merchantId, 2));
    assert.equal((await me(target, forgedV2)).status, 200, 'control: the v2 key signs');
    assertRefused(await me(target, signJwt(demoHeader({ kid: `${demo.merchantId}.v2` }), shopperClaims('cli-0002'), storeKey(tokenSecret, demo.merchantId, 1))), 'kid v2 signed with the v1 key');
    assertRefused(await me(target, signJwt(demoHeader({ kid: `${demo.merchantId}.v3` }), shopperClaims('cli-0002'), storeKey(tokenSecret, demo.merchantId, 3))), 'kid v3, not issued yet');
  });

  test('the copy of the data folder taken while it was down holds the secret keys\' digests but not the keys, and passwords only as scrypt hashes', () => {
    const other = target.other!;
    const holds = (text: string) => files.some((bytes) => bytes.includes(text));
    const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
    assert.ok(files.length > 0, 'the folder was copied');
    assert.ok(holds(other.publishableKey), 'control: the scan finds what is stored in clear (the publishable key)');
    assert.ok(holds(sha256(other.secretKey)), 'the other store\'s secret key is stored as its SHA-256 digest');
    assert.ok(!holds(other.secretKey), 'the other store\'s secret key is nowhere in clear');
    assert.ok(holds(sha256(demo.secretKey)), 'the demo store\'s secret key is stored as its digest');
    assert.ok(!holds(demo.secretKey), 'the demo store\'s secret key is nowhere in clear');
    assert.ok(!holds(demo.agent.password), 'the agents\' password is nowhere in clear');
    assert.ok(holds('scrypt$32768$8$3$'), 'agent passwords are scrypt hashes with N=2^15, r=8, p=3');
    // The demo's two agents share a password: salted, their hashes differ.
    const hashes = new Set(files.flatMap((bytes) => bytes.toString('latin1').match(/scrypt\$32768\$8\$3\$[\w-]{16,}\$[\w-]{40,}/g) ?? []));
    assert.ok(hashes.size >= 2, `a salt per password: ${hashes.size} distinct hashes`);
  });

  test('a rotation with --end-previous (a leaked key) ends every token under the keys before it at once; other stores go on', async () => {
    const v2Shopper = await shopperToken(target, 'cli-0001');
    const v2Agent = await agentSession(target, demo.otherAgent, '127.0.0.95');
    await target.restart(async () => {
      await target.cli('merchant', 'rotate-token-key', '--merchant', demo.merchantId, '--end-previous');
    });
    assertRefused(await me(target, v2Shopper), 'a v2 shopper token after --end-previous');
    assertRefused(await agentMe(target, v2Agent.token), 'a v2 agent token after --end-previous');
    assertRefused(await me(target, before1.shopper), 'a v1 shopper token, two keys back');
    assertRefused(await agentMe(target, before1.agent), 'a v1 agent token, two keys back');
    for (const version of [1, 2]) {
      const forged = signJwt(demoHeader({ kid: `${demo.merchantId}.v${version}` }), shopperClaims('cli-0002'), storeKey(tokenSecret, demo.merchantId, version));
      assertRefused(await me(target, forged), `a token signed with the leaked v${version} key`);
    }
    const fresh = await shopperToken(target, 'cli-0001');
    assert.equal(decodeJwt(fresh).header.kid, `${demo.merchantId}.v3`);
    assert.equal((await me(target, fresh)).status, 200, 'new sessions work');
    assert.equal((await agentMe(target, (await agentSession(target, demo.otherAgent, '127.0.0.95')).token)).status, 200, 'agents sign in again');
    assert.equal((await me(target, before1.other)).status, 200, 'the other store\'s tokens are untouched');
  });

  test('no attack in this file got a 5xx', () => {
    assertNoServerErrors(target);
  });
});
