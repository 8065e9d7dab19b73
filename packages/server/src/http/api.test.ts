import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { problemContentType } from '@clientela/contract';
import { createTestApp, createTestMerchant, json, type TestApp, type TestMerchant } from '../testing/test-app.ts';

describe('request bodies', () => {
  let app: TestApp;
  let store: TestMerchant;

  before(async () => {
    app = await createTestApp();
    store = await createTestMerchant(app);
  });
  after(() => app.close());

  const putCustomer = (id: string, body: Uint8Array<ArrayBuffer>) =>
    app.request(`/v1/customers/${id}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${store.secretKey}`, 'content-type': 'application/json' },
      body,
    });
  const utf8 = (text: string) => new TextEncoder().encode(text);
  const withBytes = (before: string, bytes: number[], after: string) => new Uint8Array([...utf8(before), ...bytes, ...utf8(after)]);

  test('each refused field says in words what is wrong with it', async () => {
    const response = await putCustomer('ana', utf8(JSON.stringify({ firstName: 'A'.repeat(81), lastName: 3, email: 'not an email' })));
    assert.equal(response.status, 400);
    const problem = await json(response);
    assert.deepEqual(
      problem.errors.map((error: { field: string; message: string }) => [error.field, error.message]),
      [
        ['firstName', 'Too big: expected string to have <=80 characters'],
        ['lastName', 'Invalid input: expected string, received number'],
        ['email', 'Invalid email address'],
      ],
    );
  });

  test('a JSON body that is not valid UTF-8 is a 400 naming the body, and nothing is stored', async () => {
    const invalid: Array<[string, number[]]> = [
      ['a byte that never starts a character', [0xff]],
      ['a sequence cut short', [0xc3]],
      ['an overlong encoding of "/"', [0xc0, 0xaf]],
      ['half of a UTF-16 surrogate pair, encoded', [0xed, 0xa0, 0x80]],
      ['a code point past U+10FFFF', [0xf4, 0x90, 0x80, 0x80]],
    ];
    for (const [name, bytes] of invalid) {
      const response = await putCustomer('ana', withBytes('{"firstName":"An', bytes, 'a","lastName":"Torres"}'));
      assert.equal(response.status, 400, name);
      assert.equal(response.headers.get('content-type'), problemContentType, name);
      const problem = await json(response);
      assert.deepEqual(problem.errors.map((error: { in: string }) => error.in), ['body'], name);
      assert.match(problem.detail, /UTF-8/, name);
    }
    const stored = await store.asMerchant('/v1/customers/ana');
    assert.equal(stored.status, 404, 'no customer was stored with U+FFFD in place of the bad bytes');
  });

  test('valid UTF-8 is read as written, with or without a byte order mark', async () => {
    assert.equal((await putCustomer('ana', utf8('{"firstName":"Ñandú 😀","lastName":"Torres"}'))).status, 200);
    assert.equal((await json(await store.asMerchant('/v1/customers/ana'))).firstName, 'Ñandú 😀');
    assert.equal((await putCustomer('bruno', withBytes('', [0xef, 0xbb, 0xbf], '{"firstName":"Bruno","lastName":"Díaz"}'))).status, 200);
  });
});
