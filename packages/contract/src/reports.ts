import * as z from 'zod/mini';
import { IsoDateTime, Tier, tiers } from './common.ts';
import { defineEndpoint, ownersAndAdmins } from './endpoint.ts';

// The back office's overview. Amounts are integers in minor units of `currency`.

const perTier = z.object(Object.fromEntries(tiers.map((tier) => [tier, z.int()])) as Record<(typeof tiers)[number], z.ZodMiniInt>);

export const PyramidTier = z.object({
  tier: Tier,
  customers: z.int(),
  /** The tier's customers as a share of all of them, 0 to 1. */
  customerShare: z.number(),
  /** What the tier's customers spent in the last twelve months, less refunds. */
  revenue: z.int(),
  /** That revenue as a share of all of it, 0 to 1: the 20/80 picture. */
  revenueShare: z.number(),
});

export const MonthRevenue = z.object({
  /** A calendar month in the store's time zone; the last one is the month under way. */
  month: z.string(),
  /** Orders placed in the month, less their refunds. */
  revenue: z.int(),
  /** The same by the tier each customer is in now. */
  byTier: perTier,
});

export const ValueBucket = z.object({
  /** Lifetime values from `from` up to, not including, `to` (null: and above). The first bucket is 0 to 0: no purchase in a year. */
  from: z.int(),
  to: z.nullable(z.int()),
  customers: z.int(),
  /** Their lifetime values added up. */
  value: z.int(),
});

export const PointsExpiring = z.object({ points: z.int(), value: z.int() });

export const Overview = z.object({
  /** When the figures were read. */
  asOf: IsoDateTime,
  currency: z.string(),
  /**
   * When the pyramid (each customer's tier, year's spend and lifetime value)
   * was last computed: five minutes after orders arrive, and daily. Null before the first time.
   */
  pyramidComputedAt: z.nullable(IsoDateTime),
  pyramid: z.object({
    customers: z.int(),
    revenue: z.int(),
    /** From `top` to `potential`. */
    tiers: z.array(PyramidTier),
  }),
  /** Revenue in each of the last twelve months, the oldest first. */
  monthlyRevenue: z.array(MonthRevenue),
  /** Lifetime value: a year's spend × the expected lifespan in years (`GET /v1/loyalty-settings`). */
  lifetimeValue: z.object({
    expectedLifespanYears: z.int(),
    /** Customers who bought in the last year, and so have a value. */
    customers: z.int(),
    total: z.int(),
    average: z.int(),
    median: z.int(),
    /** Buckets of "nice" widths (1, 2 and 5 times powers of ten) from 0 to the highest value. */
    buckets: z.array(ValueBucket),
  }),
  /** Points customers hold and may still spend: what the store owes in rewards. */
  points: z.object({
    outstanding: z.int(),
    /** Their worth at `valuePerThousandPoints` (`GET /v1/loyalty-settings`). */
    value: z.int(),
    valuePerThousandPoints: z.int(),
    /** Of them, those that expire within 30 and 90 days unless spent. */
    expiringIn30Days: PointsExpiring,
    expiringIn90Days: PointsExpiring,
  }),
  /** The store card's portfolio, from each account's latest closed statement and the payments since. */
  card: z.object({
    accounts: z.int(),
    creditLimit: z.int(),
    /** The latest statements' closing balances. */
    billed: z.int(),
    /** What is still unpaid of them. */
    outstanding: z.int(),
    /** The part of them carried from the statement before, unpaid: revolving credit, which bears interest. */
    revolving: z.int(),
    /** Accounts past their due date with part of the minimum unpaid, and that unpaid part. */
    overdue: z.object({ accounts: z.int(), amount: z.int() }),
  }),
});
export type Overview = z.infer<typeof Overview>;

export const getOverview = defineEndpoint({
  id: 'getOverview',
  method: 'GET',
  path: '/v1/reports/overview',
  audience: 'secret',
  staff: ownersAndAdmins,
  tag: 'Reports',
  summary:
    'The store at a glance: the customer pyramid (customers and revenue per tier, and their shares), revenue per tier in each of the last twelve months, how lifetime value is spread, the points liability (what is outstanding, its worth, what expires within 30 and 90 days) and the store card portfolio.',
  response: Overview,
});
