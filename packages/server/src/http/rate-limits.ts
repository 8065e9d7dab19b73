import { sql, type Kysely } from 'kysely';
import type { Clock } from '../clock.ts';
import type { Database } from '../db/schema.ts';
import { ProblemError } from './problem.ts';

/** At most `limit` calls in each window of `windowSeconds`. */
export interface RateRule {
  limit: number;
  windowSeconds: number;
}

/**
 * The budgets the API holds callers to. Every one is per store; the
 * `PerMerchant` rules bound a whole store (a leaked secret key, a flood of
 * shoppers), the others one shopper, agent, address or account within it.
 */
export interface RateLimitRules {
  /** `POST /v1/sessions`: what a store's backend may mint. */
  sessionsPerMerchant: RateRule;
  sessionsPerCustomer: RateRule;
  /** `POST /v1/agent/login`, every attempt from one address. */
  loginsPerAddress: RateRule;
  /** Wrong passwords for one account; past it, even the right one waits. */
  loginFailuresPerAccount: RateRule;
  /** Chat messages and new conversations, from shoppers and agents alike. */
  messagesPerMerchant: RateRule;
  messagesPerSender: RateRule;
  /** `POST /v1/me/redemptions`. */
  redemptionsPerMerchant: RateRule;
  redemptionsPerShopper: RateRule;
}

export type RateRuleName = keyof RateLimitRules;

const perMinute = (limit: number): RateRule => ({ limit, windowSeconds: 60 });

export const defaultRateLimits: RateLimitRules = {
  sessionsPerMerchant: perMinute(6_000),
  sessionsPerCustomer: perMinute(60),
  loginsPerAddress: perMinute(60),
  loginFailuresPerAccount: { limit: 10, windowSeconds: 15 * 60 },
  messagesPerMerchant: perMinute(6_000),
  messagesPerSender: perMinute(120),
  redemptionsPerMerchant: perMinute(1_200),
  redemptionsPerShopper: perMinute(20),
};

/**
 * Fixed-window counters in the `rate_limits` table, shared by every API
 * instance on the same database. A call is counted before it does any work,
 * and a call over any of its budgets is answered 429 with `Retry-After`
 * (the seconds until that window ends) before it changes anything else.
 */
export class RateLimits {
  readonly #db: Kysely<Database>;
  readonly #clock: Clock;
  readonly #rules: RateLimitRules;

  constructor(db: Kysely<Database>, clock: Clock, rules: Partial<RateLimitRules> = {}) {
    this.#db = db;
    this.#clock = clock;
    this.#rules = { ...defaultRateLimits, ...rules };
  }

  /** Counts one call against each budget named, and refuses it when any is spent. */
  async take(merchantId: string, budgets: ReadonlyArray<readonly [RateRuleName, string]>): Promise<void> {
    for (const [rule, subject] of budgets) {
      const { hits, window } = await this.#count(merchantId, rule, subject);
      if (hits > this.#rules[rule].limit) throw this.#refusal(rule, window);
    }
  }

  /** Refuses the call when a budget is already spent, without counting it (see `spend`). */
  async check(merchantId: string, rule: RateRuleName, subject: string): Promise<void> {
    const window = this.#window(rule);
    const row = await this.#db
      .selectFrom('rateLimits')
      .select('hits')
      .where('merchantId', '=', merchantId)
      .where('rule', '=', rule)
      .where('subject', '=', subject)
      .where('windowStart', '=', window.start)
      .executeTakeFirst();
    if ((row?.hits ?? 0) >= this.#rules[rule].limit) throw this.#refusal(rule, window);
  }

  /** Counts a call that turned out to cost the budget (a wrong password, say). */
  async spend(merchantId: string, rule: RateRuleName, subject: string): Promise<void> {
    await this.#count(merchantId, rule, subject);
  }

  #refusal(rule: RateRuleName, window: Window): ProblemError {
    const retryAfter = Math.max(1, Math.ceil((window.end.getTime() - this.#clock().getTime()) / 1000));
    return new ProblemError('rate-limited', `Too many calls; try again in ${retryAfter} s`, {
      headers: { 'retry-after': String(retryAfter), 'ratelimit-policy': `${this.#rules[rule].limit};w=${this.#rules[rule].windowSeconds}` },
    });
  }

  #window(rule: RateRuleName): Window {
    const length = this.#rules[rule].windowSeconds * 1000;
    const start = Math.floor(this.#clock().getTime() / length) * length;
    return { start: new Date(start), end: new Date(start + length) };
  }

  /** Adds one to the current window's counter (a counter from an earlier window starts over) and reads it back. */
  async #count(merchantId: string, rule: RateRuleName, subject: string) {
    const window = this.#window(rule);
    const row = await this.#db
      .insertInto('rateLimits')
      .values({ merchantId, rule, subject, windowStart: window.start, hits: 1 })
      .onConflict((conflict) =>
        conflict.columns(['merchantId', 'rule', 'subject']).doUpdateSet({
          hits: sql<number>`case when rate_limits.window_start = excluded.window_start then rate_limits.hits + 1 else 1 end`,
          windowStart: sql<Date>`excluded.window_start`,
        }),
      )
      .returning('hits')
      .executeTakeFirstOrThrow();
    return { hits: row.hits, window };
  }
}

interface Window {
  start: Date;
  end: Date;
}
