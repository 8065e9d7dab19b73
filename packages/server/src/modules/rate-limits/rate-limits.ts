import { sql, type Kysely } from 'kysely';
import type { Clock } from '../../core/clock.ts';
import { ProblemError } from '../../core/problem.ts';
import type { Database } from '../../db/schema.ts';

/**
 * At most `limit` calls in each window of `windowSeconds`; with `backoff`,
 * past the limit one more call each time a wait since the last has passed,
 * the wait doubling from `firstSeconds` up to `maxSeconds`.
 */
export interface RateRule {
  limit: number;
  windowSeconds: number;
  backoff?: { firstSeconds: number; maxSeconds: number };
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
  /** Wrong passwords for one account from one address, when the device is not known. */
  loginFailuresPerAccountAddress: RateRule;
  /** Wrong passwords for one account from all devices not known: past it, even the right one waits, unless from a known device. */
  loginFailuresPerAccount: RateRule;
  /** Wrong passwords from one known device (one that signed in before, see `logInAgent`). */
  loginFailuresPerDevice: RateRule;
  /** Chat messages and new conversations, from shoppers and agents alike. */
  messagesPerMerchant: RateRule;
  messagesPerSender: RateRule;
  /** "Is typing" signals, which every agent's console hears: the widgets send one every 3 seconds at the most. */
  typingPerSender: RateRule;
  /** `POST /v1/me/redemptions`. */
  redemptionsPerMerchant: RateRule;
  redemptionsPerShopper: RateRule;
  /** `POST /v1/events` (browsing signals, up to 50 a batch): a whole store, one address, one visitor or shopper. */
  eventsPerMerchant: RateRule;
  eventsPerAddress: RateRule;
  eventsPerSubject: RateRule;
}

export type RateRuleName = keyof RateLimitRules;

const perMinute = (limit: number): RateRule => ({ limit, windowSeconds: 60 });
/** Five tries, then waits of 1 s, 2 s, 4 s… up to 15 minutes: a person who mistypes hardly waits, a guesser gets a dozen more an hour. */
const fiveThenDoubling: RateRule = { limit: 5, windowSeconds: 60 * 60, backoff: { firstSeconds: 1, maxSeconds: 15 * 60 } };

export const defaultRateLimits: RateLimitRules = {
  sessionsPerMerchant: perMinute(6_000),
  sessionsPerCustomer: perMinute(60),
  loginsPerAddress: perMinute(60),
  loginFailuresPerAccountAddress: fiveThenDoubling,
  // Beyond what one address can reach in its waits, so only many addresses together lock unknown devices out.
  loginFailuresPerAccount: { limit: 30, windowSeconds: 60 * 60 },
  loginFailuresPerDevice: fiveThenDoubling,
  messagesPerMerchant: perMinute(6_000),
  messagesPerSender: perMinute(120),
  typingPerSender: perMinute(60),
  redemptionsPerMerchant: perMinute(1_200),
  redemptionsPerShopper: perMinute(20),
  // A page sends a batch every few seconds at the most: 30 a minute covers a shopper clicking through fast.
  eventsPerMerchant: perMinute(12_000),
  eventsPerAddress: perMinute(300),
  eventsPerSubject: perMinute(30),
};

/**
 * Fixed-window counters in the `rate_limits` table, shared by every API
 * instance on the same database. A call is counted before it does any work,
 * and a call over any of its budgets is answered 429 with `Retry-After`
 * (the seconds until that window ends, or its wait is over) before it
 * changes anything else.
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

  /**
   * Counts an attempt against each budget named, in order, before the work it
   * pays for, each in one statement: of attempts made at once, no more than a
   * budget allows go on, and every other is refused (429) and counted in none.
   * The attempt is given back with `release` when it turned out to cost
   * nothing (a right password).
   */
  async reserve(merchantId: string, budgets: ReadonlyArray<readonly [RateRuleName, string]>): Promise<Reservation> {
    const reserved: Array<readonly [RateRuleName, string, Window]> = [];
    const release = async () => {
      for (const [rule, subject, window] of reserved) await this.#giveBack(merchantId, rule, subject, window);
    };
    for (const [rule, subject] of budgets) {
      const window = await this.#countWithin(merchantId, rule, subject);
      if (!window) {
        await release();
        throw await this.#waitRefusal(merchantId, rule, subject);
      }
      reserved.push([rule, subject, window]);
    }
    return { release };
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

  /**
   * Adds one to the current window's counter if the rule lets one more call
   * in now, and says in which window; undefined when it does not. The
   * condition is part of the update, which PostgreSQL takes on the row's
   * latest version: concurrent attempts cannot all read the same count.
   */
  async #countWithin(merchantId: string, rule: RateRuleName, subject: string): Promise<Window | undefined> {
    const { limit, backoff } = this.#rules[rule];
    const window = this.#window(rule);
    const now = this.#clock();
    const waitedLongEnough = backoff
      ? sql<boolean>`rate_limits.last_hit_at + ${backoffWait(backoff, limit)} <= excluded.last_hit_at`
      : sql<boolean>`false`;
    const row = await this.#db
      .insertInto('rateLimits')
      .values({ merchantId, rule, subject, windowStart: window.start, hits: 1, lastHitAt: now })
      .onConflict((conflict) =>
        conflict
          .columns(['merchantId', 'rule', 'subject'])
          .doUpdateSet({
            hits: sql<number>`case when rate_limits.window_start = excluded.window_start then rate_limits.hits + 1 else 1 end`,
            windowStart: sql<Date>`excluded.window_start`,
            lastHitAt: sql<Date>`excluded.last_hit_at`,
          })
          .where(sql<boolean>`rate_limits.window_start <> excluded.window_start or rate_limits.hits < ${limit} or ${waitedLongEnough}`),
      )
      .returning('hits')
      .executeTakeFirst();
    return row ? window : undefined;
  }

  async #giveBack(merchantId: string, rule: RateRuleName, subject: string, window: Window): Promise<void> {
    await this.#db
      .updateTable('rateLimits')
      .set({ hits: sql<number>`hits - 1` })
      .where('merchantId', '=', merchantId)
      .where('rule', '=', rule)
      .where('subject', '=', subject)
      .where('windowStart', '=', window.start)
      .where('hits', '>', 0)
      .execute();
  }

  /** The refusal of a reservation: until the window ends, or sooner when the rule's wait ends first. */
  async #waitRefusal(merchantId: string, rule: RateRuleName, subject: string): Promise<ProblemError> {
    const window = this.#window(rule);
    const { limit, backoff } = this.#rules[rule];
    if (!backoff) return this.#refusal(rule, window);
    const row = await this.#db
      .selectFrom('rateLimits')
      .select(sql<Date>`last_hit_at + ${backoffWait(backoff, limit)}`.as('waitEnds'))
      .where('merchantId', '=', merchantId)
      .where('rule', '=', rule)
      .where('subject', '=', subject)
      .executeTakeFirst();
    const waitEnds = row?.waitEnds ? new Date(row.waitEnds) : window.end;
    return this.#refusal(rule, { start: window.start, end: waitEnds < window.end ? waitEnds : window.end });
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

/** An attempt counted by `reserve`, to give back when it cost nothing. */
export interface Reservation {
  release(): Promise<void>;
}

/** The wait after a counter's latest call, as an SQL interval: `firstSeconds` doubled once for each call past the limit. */
function backoffWait(backoff: NonNullable<RateRule['backoff']>, limit: number) {
  // The exponent stops growing once the wait is at its most anyway, so the power never overflows.
  return sql`least(${backoff.firstSeconds}::float8 * power(2, least(rate_limits.hits - ${limit}, 40)), ${backoff.maxSeconds}::float8) * interval '1 second'`;
}
