import assert from 'node:assert/strict';
import { test } from 'node:test';
import { migrateToLatest } from '../packages/server/src/db/migrate.ts';
import { openDatabase } from '../packages/server/src/db/open.ts';
import { demoMerchant, seedDemo } from '../packages/demo/src/index.ts';
import { hitRateAtK, loadTrainingData } from '../packages/server/src/modules/recommendations/index.ts';

test('on the demo store the engine finds clearly more held-out purchases than the most-popular baseline', async () => {
  const database = await openDatabase({ kind: 'pglite' });
  try {
    await migrateToLatest(database.db);
    const now = new Date('2026-11-23T15:00:00Z');
    await seedDemo(database.db, { now, origins: ['http://localhost:8787'] });
    const rates = hitRateAtK(await loadTrainingData(database.db, demoMerchant.id, now), 10);
    assert.ok(rates.shoppers > 200, `${rates.shoppers} shoppers evaluated`);
    assert.ok(rates.engine >= 1.3 * rates.popular, `engine ${rates.engine.toFixed(3)} against popular ${rates.popular.toFixed(3)}`);
  } finally {
    await database.close();
  }
});
