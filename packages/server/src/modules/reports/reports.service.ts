import { tiers, type Overview, type Tier } from '@clientela/contract';
import type { Kysely } from 'kysely';
import type { Clock } from '../../core/clock.ts';
import type { Merchant } from '../../core/merchant.ts';
import { localDate, startOfLocalDay } from '../../core/time-zone.ts';
import type { Database } from '../../db/schema.ts';
import { loyaltySettingsOf, pointsLiability, pyramidComputedAt } from '../loyalty/index.ts';
import { cardPortfolio } from '../statements/index.ts';
import { lifetimeValueBuckets, revenueByMonthAndTier, tierTotals, yearSpendSpread } from './reports.repository.ts';

interface Deps {
  db: Kysely<Database>;
  clock: Clock;
}

/** The last twelve calendar months in the store's time zone, the oldest first, this one last; and the instant the oldest began. */
function lastTwelveMonths(now: Date, timeZone: string): { months: string[]; from: Date } {
  const [year, month] = localDate(now, timeZone).split('-').map(Number) as [number, number];
  const months = Array.from({ length: 12 }, (_, i) => {
    const index = year * 12 + (month - 1) - (11 - i);
    return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
  });
  return { months, from: startOfLocalDay(`${months[0]}-01`, timeZone) };
}

/**
 * Bucket edges for lifetime values from `least` to `most`, at 1, 2 and 5
 * times powers of ten (10,000, 20,000, 50,000, 100,000…): long-tailed values
 * (a few customers worth many times the rest) fill buckets a chart can draw.
 * The first edge is at or below `least`, the last above `most`.
 */
export function niceEdges(least: number, most: number): number[] {
  const steps = [1, 2, 5];
  let power = 10 ** Math.floor(Math.log10(Math.max(1, least)));
  let step = steps.findLast((s) => s * power <= Math.max(1, least)) ?? 1;
  const edges = [step * power];
  while (edges.at(-1)! <= most) {
    const next = steps.indexOf(step) + 1;
    if (next === steps.length) {
      step = 1;
      power *= 10;
    } else step = steps[next]!;
    edges.push(step * power);
  }
  return edges;
}

const share = (part: number, whole: number) => (whole > 0 ? part / whole : 0);

/**
 * The back office's overview of the store, each figure from where it is
 * cheapest to read at scale: the pyramid and lifetime values from what its
 * last computation kept on each customer, revenue by month from a range scan
 * of the year's orders, the points liability from the lots still alive, and
 * the card from each account's latest statement.
 */
export async function overview(deps: Deps, merchant: Merchant): Promise<Overview> {
  const now = deps.clock();
  const { months, from } = lastTwelveMonths(now, merchant.timeZone);
  const settings = await loyaltySettingsOf(deps.db, merchant);
  const years = settings.expectedLifespanYears;
  const [computedAt, totals, monthly, spread, points, card] = await Promise.all([
    pyramidComputedAt(deps.db, merchant.id),
    tierTotals(deps.db, merchant.id),
    revenueByMonthAndTier(deps.db, merchant.id, merchant.timeZone, from, now),
    yearSpendSpread(deps.db, merchant.id),
    pointsLiability(deps.db, merchant.id, now),
    cardPortfolio(deps.db, merchant, now),
  ]);

  const customers = totals.reduce((sum, row) => sum + row.customers, 0);
  const revenue = totals.reduce((sum, row) => sum + row.revenue, 0);
  const pyramid = tiers.map((tier) => {
    const row = totals.find((found) => found.tier === tier);
    return {
      tier,
      customers: row?.customers ?? 0,
      customerShare: share(row?.customers ?? 0, customers),
      revenue: row?.revenue ?? 0,
      revenueShare: share(row?.revenue ?? 0, revenue),
    };
  });

  const noTiers = () => Object.fromEntries(tiers.map((tier) => [tier, 0])) as Record<Tier, number>;
  const monthlyRevenue = months.map((month) => ({ month, revenue: 0, byTier: noTiers() }));
  for (const row of monthly) {
    const entry = monthlyRevenue.find((found) => found.month === row.month);
    if (!entry) continue;
    entry.revenue += row.revenue;
    if ((tiers as readonly string[]).includes(row.tier)) entry.byTier[row.tier as Tier] += row.revenue;
  }

  const edges = spread.customers > 0 ? niceEdges(spread.least * years, spread.most * years) : [];
  const counted = spread.customers > 0 ? await lifetimeValueBuckets(deps.db, merchant.id, years, edges) : [];
  const buckets = [
    { from: 0, to: 0, customers: customers - spread.customers, value: 0 },
    ...edges.slice(0, -1).map((edge, i) => {
      const found = counted.find((row) => row.bucket === i + 1);
      return { from: edge, to: edges[i + 1]!, customers: found?.customers ?? 0, value: found?.value ?? 0 };
    }),
  ];

  const worth = (pointsHeld: number) => Math.round((pointsHeld * settings.valuePerThousandPoints) / 1000);
  return {
    asOf: now.toISOString(),
    currency: merchant.currency,
    pyramidComputedAt: computedAt?.toISOString() ?? null,
    pyramid: { customers, revenue, tiers: pyramid },
    monthlyRevenue,
    lifetimeValue: {
      expectedLifespanYears: years,
      customers: spread.customers,
      total: spread.total * years,
      average: spread.customers > 0 ? Math.round((spread.total * years) / spread.customers) : 0,
      median: spread.median * years,
      buckets,
    },
    points: {
      outstanding: points.outstanding,
      value: worth(points.outstanding),
      valuePerThousandPoints: settings.valuePerThousandPoints,
      expiringIn30Days: { points: points.expiringIn30Days, value: worth(points.expiringIn30Days) },
      expiringIn90Days: { points: points.expiringIn90Days, value: worth(points.expiringIn90Days) },
    },
    card,
  };
}

