import { RecommendationModel, type TrainingData } from '../../packages/server/src/modules/recommendations/index.ts';
import { SeededRandom } from '../../packages/demo/src/index.ts';
import { median } from './median.ts';

/**
 * A large merchant, generated: 50,000 products in 100 categories with
 * skewed popularity, and 1,000,000 order lines from 150,000 customers who
 * keep to their favourite categories and buy what goes together.
 */
export function largeCatalog(productCount = 50_000, lineCount = 1_000_000): TrainingData {
  const random = new SeededRandom(7);
  const now = Date.UTC(2026, 10, 23);
  const products = Array.from({ length: productCount }, (_, i) => ({ id: `p${i}`, name: `Product ${i}`, category: `c${i % 100}` }));
  // Zipf-like popularity: product rank r is picked with weight 1 / (r + 10).
  const cumulative = new Float64Array(productCount);
  let total = 0;
  for (let i = 0; i < productCount; i++) cumulative[i] = total += 1 / (i + 10);
  const popular = () => {
    const target = random.next() * total;
    let low = 0;
    let high = productCount - 1;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (cumulative[mid]! < target) low = mid + 1;
      else high = mid;
    }
    return low;
  };
  const purchases: Array<TrainingData['purchases'][number]> = [];
  let order = 0;
  while (purchases.length < lineCount) {
    const customer = `u${random.int(0, 149_999)}`;
    const first = popular();
    const lines = random.weighted([1, 2, 3], [0.6, 0.3, 0.1]);
    const at = now - random.int(0, 364) * 86_400_000;
    const id = `o${order++}`;
    purchases.push({ customer, product: products[first]!.id, order: id, at });
    // Companions: a neighbour in the catalog stands for "goes with".
    for (let l = 1; l < lines && purchases.length < lineCount; l++) {
      purchases.push({ customer, product: products[(first + random.int(1, 20)) % productCount]!.id, order: id, at });
    }
  }
  return { now, products, purchases, wishes: [], tiers: new Map() };
}

/** Build time of the model against one plain pass over the same order lines (counting lines per product). */
export function measureModelBuild(data = largeCatalog()) {
  const scans: number[] = [];
  for (let run = 0; run < 5; run++) {
    const started = performance.now();
    const perProduct = new Map<string, number>();
    for (const line of data.purchases) perProduct.set(line.product, (perProduct.get(line.product) ?? 0) + 1);
    scans.push(performance.now() - started);
    if (perProduct.size === 0) throw new Error('nothing scanned');
  }
  const builds: number[] = [];
  for (let run = 0; run < 3; run++) {
    const started = performance.now();
    RecommendationModel.build(data);
    builds.push(performance.now() - started);
  }
  return { products: data.products.length, lines: data.purchases.length, scanMs: median(scans), buildMs: median(builds) };
}
