import type { Timestamp } from '../../db/columns.ts';

// The counters every instance shares.

export interface RateLimitTable {
  merchantId: string;
  rule: string;
  subject: string;
  windowStart: Timestamp;
  hits: number;
  lastHitAt: Timestamp | null;
}

/** The module's tables, by name, as `Database` collects them. */
export interface RateLimitTables {
  rateLimits: RateLimitTable;
}
