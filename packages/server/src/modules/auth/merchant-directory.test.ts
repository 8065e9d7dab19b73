import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { createTestApp, createTestMerchant, type TestApp, type TestMerchant } from '../../testing/test-app.ts';
import { MerchantDirectory } from './merchant-directory.ts';

describe('the merchant directory', () => {
  let app: TestApp;
  let store: TestMerchant;

  before(async () => {
    app = await createTestApp();
    store = await createTestMerchant(app);
  });
  after(() => app.close());

  test('a flood of made-up keys never pushes out a store that is really calling', async () => {
    const directory = new MerchantDirectory(app.deps.db, app.deps.clock);
    assert.equal((await directory.byPublishableKey(store.publishableKey))?.id, store.merchant.id);
    for (let start = 0; start < 12_000; start += 500) {
      await Promise.all(Array.from({ length: 500 }, (_, i) => directory.byPublishableKey(`pk_live_made_up_${start + i}`)));
    }
    // Were the store's answer gone, it would now be read again, and this key no longer finds it.
    await sql`update merchants set publishable_key = 'pk_moved' where id = ${store.merchant.id}`.execute(app.deps.db);
    try {
      assert.equal((await directory.byPublishableKey(store.publishableKey))?.id, store.merchant.id, 'still remembered');
      directory.forget();
      assert.equal(await directory.byPublishableKey(store.publishableKey), undefined, 'read again once forgotten');
    } finally {
      await sql`update merchants set publishable_key = ${store.publishableKey} where id = ${store.merchant.id}`.execute(app.deps.db);
    }
  });
});
