/**
 * How each product type is bought again, learned from the order history:
 * among the customers who bought a type, the share who bought it again on
 * another occasion (purchases less than a week apart are one occasion), and
 * the median days between one occasion and the next. Coffee comes back
 * every few weeks; an espresso machine hardly ever: a type whose share is
 * below `durableShare` is durable. Types with few buyers lean on their
 * category's share and interval, and a category with few on the store's.
 */
export interface Repurchase {
  /** Per type: 1 when rarely bought again. */
  durable: Uint8Array;
  /** Per type: the median days between purchases of it by one customer, NaN when too few were seen. */
  cycleDays: Float64Array;
  /** Per type: the share of its buyers who bought it again (smoothed), for tests and the evaluation. */
  share: Float64Array;
  /** Per type: how many customers bought it. */
  buyers: Float64Array;
}

/** Below this share of buyers coming back for more, a type is durable. */
export const durableShare = 0.15;
/** How many buyers' worth the category's (or the store's) share counts for, against a type's own. */
const priorWeight = 3;
/** Intervals needed before a median counts. */
const minIntervals = 3;
/** Purchases of one type by one customer closer than this are one occasion (two in one week, a replacement under warranty). */
const sameOccasionDays = 7;
/** Days of history one key can place: ample for the two years the model reads. */
const dayRange = 4096;
const day = 86_400_000;

export function learnRepurchase(input: {
  now: number;
  purchases: ReadonlyArray<{ customer: string; product: number; at: number }>;
  typeOf: Int32Array;
  typeCategory: Int32Array;
  categoryCount: number;
}): Repurchase {
  const typeCount = input.typeCategory.length;
  const firstDay = Math.floor(input.now / day) - (dayRange - 1);
  // Each customer's lines together (a counting sort by customer), then, within one customer, keys type·D + day
  // in order: each run of one type is that customer's purchases of it, in time order.
  // A line whose time or product cannot be placed would make a key that sorts nowhere: it is left out.
  const purchases = input.purchases.filter((line) => Number.isFinite(line.at) && input.typeOf[line.product] !== undefined);
  const customers = new Map<string, number>();
  const customerOf = Int32Array.from(purchases, (line) => {
    let customer = customers.get(line.customer);
    if (customer === undefined) customers.set(line.customer, (customer = customers.size));
    return customer;
  });
  const starts = new Int32Array(customers.size + 1);
  for (const customer of customerOf) starts[customer + 1]!++;
  for (let c = 0; c < customers.size; c++) starts[c + 1]! += starts[c]!;
  const filled = starts.slice(0, customers.size);
  const keys = new Float64Array(purchases.length);
  purchases.forEach((line, i) => {
    const dayIndex = Math.min(dayRange - 1, Math.max(0, Math.floor(line.at / day) - firstDay));
    keys[filled[customerOf[i]!]!++] = input.typeOf[line.product]! * dayRange + dayIndex;
  });

  const buyers = new Float64Array(typeCount);
  const repeaters = new Float64Array(typeCount);
  const intervals: number[] = [];
  for (let c = 0; c < customers.size; c++) {
    const mine = keys.subarray(starts[c]!, starts[c + 1]!).sort();
    let i = 0;
    while (i < mine.length) {
      const type = Math.floor(mine[i]! / dayRange);
      let last = -Infinity;
      let occasions = 0;
      for (; i < mine.length && Math.floor(mine[i]! / dayRange) === type; i++) {
        const dayIndex = mine[i]! % dayRange;
        if (dayIndex - last < sameOccasionDays) continue;
        if (occasions > 0) intervals.push(type * dayRange + (dayIndex - last));
        last = dayIndex;
        occasions++;
      }
      buyers[type]!++;
      if (occasions > 1) repeaters[type]!++;
    }
  }

  const categoryBuyers = new Float64Array(input.categoryCount);
  const categoryRepeaters = new Float64Array(input.categoryCount);
  for (let type = 0; type < typeCount; type++) {
    categoryBuyers[input.typeCategory[type]!]! += buyers[type]!;
    categoryRepeaters[input.typeCategory[type]!]! += repeaters[type]!;
  }
  const allBuyers = buyers.reduce((a, b) => a + b, 0);
  const storeShare = allBuyers > 0 ? repeaters.reduce((a, b) => a + b, 0) / allBuyers : 0;
  const categoryShare = Float64Array.from(categoryBuyers, (count, category) => (categoryRepeaters[category]! + priorWeight * storeShare) / (count + priorWeight));

  // Medians of the intervals, per type and per category.
  const typeIntervals = medians(intervals, typeCount);
  const categoryKeys = intervals.map((key) => input.typeCategory[Math.floor(key / dayRange)]! * dayRange + (key % dayRange));
  const categoryIntervals = medians(categoryKeys, input.categoryCount);

  const share = new Float64Array(typeCount);
  const durable = new Uint8Array(typeCount);
  const cycleDays = new Float64Array(typeCount);
  for (let type = 0; type < typeCount; type++) {
    const category = input.typeCategory[type]!;
    share[type] = (repeaters[type]! + priorWeight * categoryShare[category]!) / (buyers[type]! + priorWeight);
    durable[type] = share[type]! < durableShare ? 1 : 0;
    // A durable's own interval, if any was seen; something bought again without enough intervals of its own takes its category's.
    cycleDays[type] = Number.isNaN(typeIntervals[type]!) && !durable[type] ? categoryIntervals[category]! : typeIntervals[type]!;
  }
  return { durable, cycleDays, share, buyers };
}

/** The median of the values in keys `group·D + value`, per group; NaN for a group with fewer than `minIntervals`. */
function medians(keys: number[], groups: number): Float64Array {
  const sorted = Float64Array.from(keys).sort();
  const result = new Float64Array(groups).fill(Number.NaN);
  let i = 0;
  while (i < sorted.length) {
    const group = Math.floor(sorted[i]! / dayRange);
    let end = i;
    while (end < sorted.length && Math.floor(sorted[end]! / dayRange) === group) end++;
    if (end - i >= minIntervals) result[group] = sorted[i + Math.floor((end - i) / 2)]! % dayRange;
    i = end;
  }
  return result;
}
