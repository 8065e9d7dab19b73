import { readFileSync } from 'node:fs';
import { demoProductTruth } from '../../packages/demo/src/catalog.ts';
import { demoMerchant, demoShoppers, seedDemo } from '../../packages/demo/src/index.ts';
import { migrateToLatest } from '../../packages/server/src/db/migrate.ts';
import { openDatabase } from '../../packages/server/src/db/open.ts';
import { basketHitRate, contextAgreement, hitRateAtK, listQuality, loadTrainingData } from '../../packages/server/src/modules/recommendations/index.ts';

/** The instant the demo is seeded at for the figures, so the README, the test and a rerun agree. */
export const evaluatedAt = new Date('2026-11-23T15:00:00Z');

/** The real baskets of test/fixtures/supermarket: one line each, department numbers. */
export function supermarketBaskets(): number[][] {
  const text = readFileSync(new URL('../fixtures/supermarket/baskets.txt', import.meta.url), 'utf8');
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => line.trim().split(' ').map(Number));
}

/**
 * Every figure of the recommendations' quality: on the demo store (seeded at
 * `evaluatedAt`) hit rate against popularity, the lists' coverage, variety
 * and substitutes (home lists and every product page, for every shopper who
 * bought), how far a shopper's product page agrees with a visitor's; and on
 * real supermarket baskets, "bought together" against co-occurrence.
 */
export async function measureRecommendationQuality() {
  const database = await openDatabase({ kind: 'pglite' });
  try {
    await migrateToLatest(database.db);
    await seedDemo(database.db, { now: evaluatedAt, origins: ['http://localhost:8787'] });
    const data = await loadTrainingData(database.db, demoMerchant.id, evaluatedAt);
    const truth = demoProductTruth();
    const catalogTruth = { typeOf: (id: string) => truth.get(id)!.item, isDurable: (id: string) => truth.get(id)!.durable };
    const customers = [...new Set(data.purchases.map((line) => line.customer))].sort();
    // The demo's four shoppers and every tenth other customer who bought: light and heavy buyers alike.
    const comparedShoppers = [...new Set([...demoShoppers.map((shopper) => shopper.id), ...customers.filter((_, i) => i % 10 === 0)])];
    return {
      demo: {
        hitRate: hitRateAtK(data, 10),
        homeLists: listQuality(data, catalogTruth, { limit: 8 }),
        productPages: listQuality(data, catalogTruth, { limit: 8, contexts: data.products.map((product) => product.id) }),
        context: contextAgreement(data, comparedShoppers, 8),
      },
      supermarket: basketHitRate(supermarketBaskets(), 10),
    };
  } finally {
    await database.close();
  }
}
