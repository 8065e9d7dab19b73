import assert from 'node:assert/strict';
import { hkdfSync } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { SignJWT } from 'jose';
import { createTestApp, json, manualClock, twoStoresWithAna, type TestApp, type TestMerchant } from '../../testing/test-app.ts';
import { rotateTokenKey } from './merchants.service.ts';

/*
 * Every store signs with a key of its own, derived from the server's token
 * secret: HKDF-SHA256 with the store's id and the key's version as info, named
 * by the `kid` header `<merchant id>.v<version>`. The test derives the keys
 * as the documentation says, so a forgery below differs from a good token in
 * the one thing its name says.
 */
const derivedKey = (secret: Uint8Array, merchantId: string, version: number) =>
  new Uint8Array(hkdfSync('sha256', secret, new Uint8Array(0), `clientela token key\u0000${merchantId}\u0000${version}`, 32));

describe('tokens', () => {
  const clock = manualClock('2026-06-15T12:00:00Z');
  const tokenSecret = new Uint8Array(32).fill(9);
  let app: TestApp;
  let store: TestMerchant;
  let other: TestMerchant;

  before(async () => {
    app = await createTestApp({ clock, tokenSecret });
    ({ store, other } = await twoStoresWithAna(app));
  });
  after(() => app.close());

  const now = () => Math.floor(clock().getTime() / 1000);

  interface Forgery {
    header?: Record<string, unknown>;
    claims?: Record<string, unknown>;
    key?: Uint8Array;
  }

  /** A shopper token for Ana of `store`, as the server would sign it, but for what `forgery` changes. */
  function sign({ header = {}, claims = {}, key = derivedKey(tokenSecret, store.merchant.id, 1) }: Forgery = {}) {
    const issuedAt = now();
    return new SignJWT({ iss: 'clientela', aud: 'clientela:shopper', sub: 'ana', mid: store.merchant.id, jti: `t${issuedAt}${Math.random()}`, sv: 0, iat: issuedAt, exp: issuedAt + 600, ...claims })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT', kid: `${store.merchant.id}.v1`, ...header })
      .sign(key);
  }

  const statusOf = async (token: string) => (await store.asShopper(token, '/v1/me')).status;

  test('a token signed as the documentation says is accepted: the test signs as the server does', async () => {
    assert.equal(await statusOf(await sign()), 200);
    const issued = (await app.deps.tokens.issue('shopper', store.merchant.id, 'ana', 60)).token;
    const [header] = issued.split('.');
    assert.deepEqual(JSON.parse(Buffer.from(header!, 'base64url').toString()), { alg: 'HS256', typ: 'JWT', kid: `${store.merchant.id}.v1` });
  });

  test("a token signed with another store's key is refused, whatever store it names", async () => {
    const otherKey = derivedKey(tokenSecret, other.merchant.id, 1);
    assert.equal(await statusOf(await sign({ key: otherKey })), 401, "our store's kid, the other's key");
    assert.equal(await statusOf(await sign({ key: otherKey, header: { kid: `${other.merchant.id}.v1` } })), 401, "the other's kid and key, our store's claims");
    // The other store's own token opens the other store only.
    const theirs = await sign({ key: otherKey, header: { kid: `${other.merchant.id}.v1` }, claims: { mid: other.merchant.id } });
    assert.equal((await other.asShopper(theirs, '/v1/me')).status, 200);
    assert.equal(await statusOf(theirs), 401);
    assert.equal((await app.request('/v1/me', { headers: { authorization: `Bearer ${theirs}` } })).status, 200, 'without a publishable key it is the other store');
  });

  test('the server secret itself, underived, signs nothing', async () => {
    assert.equal(await statusOf(await sign({ key: tokenSecret })), 401);
  });

  test('alg none, another algorithm, a missing or wrong kid are refused', async () => {
    const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const good = await sign();
    const [, payload] = good.split('.');
    assert.equal(await statusOf(`${base64url({ alg: 'none', typ: 'JWT', kid: `${store.merchant.id}.v1` })}.${payload}.`), 401, 'alg none');
    const key = derivedKey(tokenSecret, store.merchant.id, 1);
    for (const alg of ['HS384', 'HS512']) {
      const token = await new SignJWT({ iss: 'clientela', aud: 'clientela:shopper', sub: 'ana', mid: store.merchant.id, jti: 'x', sv: 0, iat: now(), exp: now() + 60 })
        .setProtectedHeader({ alg, kid: `${store.merchant.id}.v1` })
        .sign(key);
      assert.equal(await statusOf(token), 401, alg);
    }
    for (const kid of [undefined, '', `${store.merchant.id}.v2`, `${store.merchant.id}.v0`, `${store.merchant.id}.v01`, `${store.merchant.id}`, 'mer_nobody.v1', `${store.merchant.id}.v1.v1`, 42]) {
      const header = kid === undefined ? { kid: undefined } : { kid };
      const token = await new SignJWT({ iss: 'clientela', aud: 'clientela:shopper', sub: 'ana', mid: store.merchant.id, jti: 'x', sv: 0, iat: now(), exp: now() + 60 })
        .setProtectedHeader({ alg: 'HS256', ...header } as { alg: string })
        .sign(key);
      assert.equal(await statusOf(token), 401, `kid ${String(kid)}`);
    }
  });

  test('an issue time in the future is refused beyond a minute of clock skew', async () => {
    assert.equal(await statusOf(await sign({ claims: { iat: now() + 3600, exp: now() + 3600 + 600 } })), 401, 'an hour ahead');
    assert.equal(await statusOf(await sign({ claims: { iat: now() + 61, exp: now() + 61 + 600 } })), 401, '61 s ahead');
    assert.equal(await statusOf(await sign({ claims: { iat: now() + 60, exp: now() + 60 + 600 } })), 200, 'a minute ahead: another instance whose clock runs fast');
  });

  test('the audience must be the exact string, never an array holding it', async () => {
    assert.equal(await statusOf(await sign({ claims: { aud: ['clientela:shopper'] } })), 401);
    assert.equal(await statusOf(await sign({ claims: { aud: ['clientela:shopper', 'clientela:agent'] } })), 401);
    assert.equal(await statusOf(await sign({ claims: { aud: 'clientela:agent' } })), 401);
  });

  test('expired, over-long, tampered and incomplete tokens are refused', async () => {
    const expired = await sign({ claims: { iat: now() - 700, exp: now() - 100 } });
    const response = await store.asShopper(expired, '/v1/me');
    assert.equal(response.status, 401);
    assert.equal((await json(response)).type, 'https://clientela.dev/problems/token-expired');
    assert.equal(await statusOf(await sign({ claims: { exp: now() + 15 * 60 + 1 } })), 401, 'longer than a shopper session');
    const good = await sign();
    const [header, payload, signature] = good.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString());
    const tampered = Buffer.from(JSON.stringify({ ...claims, sub: 'bruno' })).toString('base64url');
    assert.equal(await statusOf(`${header}.${tampered}.${signature}`), 401, 'another subject under the same signature');
    for (const missing of ['jti', 'sv', 'mid', 'iat']) {
      assert.equal(await statusOf(await sign({ claims: { [missing]: undefined } })), 401, `without ${missing}`);
    }
    assert.equal(await statusOf(await sign({ claims: { sv: -1 } })), 401, 'a negative session version');
  });

  test('rotation: new tokens use the new key, the previous one keeps working until its tokens could have expired', async () => {
    const before = (await app.deps.tokens.issue('agent', store.merchant.id, 'agt_sofia', 12 * 3600)).token;
    const asAgent = (token: string) => app.request('/v1/agent/conversations', { headers: { authorization: `Bearer ${token}` } });
    assert.equal((await asAgent(before)).status, 200);

    const rotated = await rotateTokenKey(app.deps.db, store.merchant.id, clock());
    assert.equal(rotated.keyVersion, 2);
    app.deps.directory.forget();
    const after = (await app.deps.tokens.issue('shopper', store.merchant.id, 'ana', 600)).token;
    assert.equal(JSON.parse(Buffer.from(after.split('.')[0]!, 'base64url').toString()).kid, `${store.merchant.id}.v2`);
    assert.equal(await statusOf(after), 200);
    assert.equal(await statusOf(await sign({ header: { kid: `${store.merchant.id}.v2` }, key: derivedKey(tokenSecret, store.merchant.id, 2) })), 200);
    assert.equal((await asAgent(before)).status, 200, 'a token under the previous key still works');
    assert.equal((await other.asShopper(await other.sessionFor('ana'), '/v1/me')).status, 200, 'another store keeps its key');

    clock.advance(12 * 3600 * 1000 - 1000);
    assert.equal((await asAgent(before)).status, 200, 'until the longest token under it has expired');
    const lateForgery = await sign({ claims: { iat: now(), exp: now() + 600 } });
    assert.equal(await statusOf(lateForgery), 200, 'the previous key still verifies within the grace');
    clock.advance(6 * 60 * 1000);
    assert.equal(await statusOf(lateForgery), 401, 'and not a second past it, even a token it verified before');
    assert.equal(await statusOf(after), 401, 'a 10-minute token under the new key has expired by now');
    assert.equal(await statusOf(await store.sessionFor('ana')), 200);
  });

  test('rotation with the previous key ended at once, for a leaked key: its tokens stop even when verified before', async () => {
    const before = await store.sessionFor('ana');
    assert.equal(await statusOf(before), 200);
    await rotateTokenKey(app.deps.db, store.merchant.id, clock(), { endPrevious: true });
    app.deps.directory.forget();
    assert.equal(await statusOf(before), 401);
    assert.equal(await statusOf(await store.sessionFor('ana')), 200);
    await rotateTokenKey(app.deps.db, store.merchant.id, clock());
    await rotateTokenKey(app.deps.db, store.merchant.id, clock());
    app.deps.directory.forget();
    const current = await store.sessionFor('ana');
    assert.equal(JSON.parse(Buffer.from(current.split('.')[0]!, 'base64url').toString()).kid, `${store.merchant.id}.v5`);
    assert.equal(await statusOf(await sign({ header: { kid: `${store.merchant.id}.v3` }, key: derivedKey(tokenSecret, store.merchant.id, 3) })), 401, 'only the one previous key verifies');
    assert.equal(await statusOf(await sign({ header: { kid: `${store.merchant.id}.v4` }, key: derivedKey(tokenSecret, store.merchant.id, 4) })), 200);
  });
});
