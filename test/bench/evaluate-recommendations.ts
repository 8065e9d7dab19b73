import { evaluatedAt, measureRecommendationQuality } from './recommendation-quality.ts';

// `npm run evaluate:recommendations`: every figure of the recommendations' offline quality (see the README's "Recommendations").
const { demo, supermarket } = await measureRecommendationQuality();
const percent = (rate: number) => `${(rate * 100).toFixed(1)} %`;

console.log(`Demo store, seeded at ${evaluatedAt.toISOString()}`);
console.log(`\nHit rate at 10 (${demo.hitRate.shoppers} shoppers with 2+ orders, last order held out):`);
console.log('| recommender | hit rate @10 |');
console.log('|---|---:|');
console.log(`| most popular not yet bought (baseline) | ${percent(demo.hitRate.popular)} |`);
console.log(`| Clientela engine | ${percent(demo.hitRate.engine)} |`);
console.log(`The engine finds ${(demo.hitRate.engine / demo.hitRate.popular).toFixed(2)}× as many held-out purchases as the baseline.`);

console.log(`\nLists of 8 for the ${demo.homeLists.shoppers} shoppers who bought (home list; home list and every product page):`);
console.log('| measure | home lists | with product pages |');
console.log('|---|---:|---:|');
console.log(`| coverage: share of the catalog in some list | ${percent(demo.homeLists.coverage)} | ${percent(demo.productPages.coverage)} |`);
console.log(`| diversity: distinct categories in a list | ${demo.homeLists.diversity.toFixed(2)} | ${demo.productPages.diversity.toFixed(2)} |`);
console.log(
  `| substitute rate: lists offering another of a durable bought in the last 90 days | ${percent(demo.homeLists.substituteRate)} of ${demo.homeLists.listsAtRisk} | ${percent(demo.productPages.substituteRate)} of ${demo.productPages.listsAtRisk} |`,
);
console.log(`| reasons naming a product | ${percent(demo.homeLists.namedReasons)} | ${percent(demo.productPages.namedReasons)} |`);

console.log(
  `\nProduct pages (${demo.context.products} products bought with something, ${demo.context.shoppers} shoppers): a shopper's list shares ${percent(demo.context.mean)} of its items with a visitor's on average, and ${percent(demo.context.together)} of its items were bought together with the product; ${percent(demo.context.atLeastHalf)} of the lists share at least half (the others: shoppers who already have what goes with the product); ${percent(demo.context.empty)} of the pages are empty for the shopper, who has all that goes with the product.`,
);

console.log(`\nReal baskets (test/fixtures/supermarket: ${supermarket.baskets} test baskets, each item hidden in turn, ${supermarket.trials} trials), hit rate at 10:`);
console.log(`| recommender | all hidden items | beyond the 20 best sellers (${supermarket.tail.trials} trials) |`);
console.log('|---|---:|---:|');
console.log(`| most frequent items (baseline) | ${percent(supermarket.popular)} | ${percent(supermarket.tail.popular)} |`);
console.log(`| co-occurrence with the basket (baseline) | ${percent(supermarket.cooccurrence)} | ${percent(supermarket.tail.cooccurrence)} |`);
console.log(`| Clientela engine | ${percent(supermarket.engine)} | ${percent(supermarket.tail.engine)} |`);
