import { migrateToLatest } from '../../packages/server/src/db/migrate.ts';
import { openDatabase } from '../../packages/server/src/db/open.ts';
import { demoMerchant, seedDemo } from '../../packages/demo/src/index.ts';
import { hitRateAtK, loadTrainingData } from '../../packages/server/src/modules/recommendations/index.ts';

// `npm run evaluate:recommendations`: offline quality of the engine on the demo store, leave-last-out.
const database = await openDatabase({ kind: 'pglite' });
try {
  await migrateToLatest(database.db);
  const now = new Date();
  await seedDemo(database.db, { now, origins: ['http://localhost:8787'] });
  const data = await loadTrainingData(database.db, demoMerchant.id, now);
  const rates = hitRateAtK(data, 10);
  const percent = (rate: number) => `${(rate * 100).toFixed(1)} %`;
  console.log(`Hit rate at 10 on the demo store (${rates.shoppers} shoppers with 2+ orders, last order held out):`);
  console.log('| recommender | hit rate @10 |');
  console.log('|---|---:|');
  console.log(`| most popular not yet bought (baseline) | ${percent(rates.popular)} |`);
  console.log(`| Clientela engine | ${percent(rates.engine)} |`);
  console.log(`\nThe engine finds ${(rates.engine / rates.popular).toFixed(2)}× as many held-out purchases as the baseline.`);
} finally {
  await database.close();
}
