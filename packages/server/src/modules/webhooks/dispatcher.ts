import { webhookHeaders } from '@clientela/contract';
import type { Kysely } from 'kysely';
import type { Clock } from '../../core/clock.ts';
import type { Logger } from '../../core/logger.ts';
import type { Database } from '../../db/schema.ts';
import { postWebhook } from './post-webhook.ts';
import { nextAttemptAt } from './retry-schedule.ts';
import { webhookSignature, type WebhookSecrets } from './signing-secrets.ts';
import { claimDueDeliveries, pruneFinishedDeliveries, recordAttempt, type ClaimedDelivery } from './webhooks.repository.ts';

export interface DispatcherOptions {
  db: Kysely<Database>;
  clock: Clock;
  secrets: WebhookSecrets;
  /** Whether endpoints may be in loopback or private networks; refused by default. */
  allowPrivateNetworks?: boolean;
  /** How long an endpoint has to answer; 10 s. */
  timeoutMs?: number;
  /** Deliveries claimed and sent together; 20. */
  batchSize?: number;
  /** Source of the retry jitter, in [0, 1). */
  random?: () => number;
}

/** How long a claimed delivery is left alone before another sender may take it: well past the timeout. */
const leaseMs = 60_000;
/** How long finished deliveries stay listed. */
export const deliveryRetentionMs = 30 * 86_400_000;

const userAgent = 'Clientela-Webhooks/1';

/**
 * Sends the outbox: claims due deliveries, POSTs each signed body to its
 * endpoint, and records the answer. A 2xx ends a delivery as succeeded;
 * anything else, a network error or no answer within the timeout schedules
 * the next attempt, until the attempts run out and it is failed.
 */
export class WebhookDispatcher {
  readonly #db: Kysely<Database>;
  readonly #clock: Clock;
  readonly #secrets: WebhookSecrets;
  readonly #allowPrivateNetworks: boolean;
  readonly #timeoutMs: number;
  readonly #batchSize: number;
  readonly #random: () => number;
  readonly #stopping = new AbortController();

  constructor(options: DispatcherOptions) {
    this.#db = options.db;
    this.#clock = options.clock;
    this.#secrets = options.secrets;
    this.#allowPrivateNetworks = options.allowPrivateNetworks ?? false;
    this.#timeoutMs = options.timeoutMs ?? 10_000;
    this.#batchSize = options.batchSize ?? 20;
    this.#random = options.random ?? Math.random;
  }

  /** Sends everything due now, a batch at a time; resolves to the number of attempts made. */
  async tick(): Promise<number> {
    let attempted = 0;
    while (!this.#stopping.signal.aborted) {
      const now = this.#clock();
      const claimed = await claimDueDeliveries(this.#db, now, new Date(now.getTime() + leaseMs), this.#batchSize);
      await Promise.all(claimed.map((delivery) => this.#attempt(delivery)));
      attempted += claimed.length;
      if (claimed.length < this.#batchSize) break;
    }
    return attempted;
  }

  /** Forgets finished deliveries past the retention; resolves to how many. */
  prune(): Promise<number> {
    return pruneFinishedDeliveries(this.#db, new Date(this.#clock().getTime() - deliveryRetentionMs));
  }

  /** Cuts short the requests in flight; their deliveries are sent again once their lease lapses. */
  stop(): void {
    this.#stopping.abort();
  }

  async #attempt(delivery: ClaimedDelivery): Promise<void> {
    const secret = this.#secrets.open(delivery.sealedSecret, delivery);
    if (secret === undefined) {
      await recordAttempt(this.#db, delivery, {
        status: 'failed',
        nextAttemptAt: null,
        lastStatusCode: null,
        lastError: "The endpoint's signing secret cannot be read with this server's TOKEN_SECRET; register the endpoint again",
        deliveredAt: null,
      });
      return;
    }
    const timestamp = Math.floor(this.#clock().getTime() / 1000);
    const cutShort = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      cutShort.abort();
    }, this.#timeoutMs);
    const onStop = () => cutShort.abort();
    this.#stopping.signal.addEventListener('abort', onStop, { once: true });
    let statusCode: number | null = null;
    let error: string | null = null;
    try {
      statusCode = await postWebhook(
        delivery.url,
        delivery.payload,
        {
          'content-type': 'application/json',
          'user-agent': userAgent,
          [webhookHeaders.id]: delivery.eventId,
          [webhookHeaders.timestamp]: String(timestamp),
          [webhookHeaders.signature]: webhookSignature(secret, timestamp, delivery.payload),
        },
        { signal: cutShort.signal, allowPrivateNetworks: this.#allowPrivateNetworks },
      );
    } catch (cause) {
      if (this.#stopping.signal.aborted) return;
      error = timedOut ? `No answer within ${this.#timeoutMs / 1000} s` : describe(cause);
    } finally {
      clearTimeout(timer);
      this.#stopping.signal.removeEventListener('abort', onStop);
    }
    const now = this.#clock();
    if (statusCode !== null && statusCode >= 200 && statusCode < 300) {
      await recordAttempt(this.#db, delivery, { status: 'succeeded', nextAttemptAt: null, lastStatusCode: statusCode, lastError: null, deliveredAt: now });
      return;
    }
    const next = nextAttemptAt(now, delivery.attempts, delivery.maxAttempts, this.#random());
    await recordAttempt(this.#db, delivery, {
      status: next ? 'pending' : 'failed',
      nextAttemptAt: next,
      lastStatusCode: statusCode,
      lastError: error,
      deliveredAt: null,
    });
  }
}

function describe(error: unknown): string {
  const message = error instanceof Error ? error.message || (error as { code?: string }).code || error.name : String(error);
  return message.slice(0, 500);
}

/**
 * Runs the dispatcher every `everyMs` (2 s) and prunes old deliveries hourly;
 * a round that is still sending is not overlapped, and the timer never
 * keeps the process alive. `stop` cuts requests in flight short and waits
 * for the round to end.
 */
export function scheduleWebhookDispatch(dispatcher: WebhookDispatcher, logger: Logger, everyMs = 2_000): { stop(): Promise<void> } {
  let round: Promise<void> | undefined;
  let prunedAt = 0;
  const run = () => {
    if (round) return;
    round = (async () => {
      try {
        await dispatcher.tick();
        if (Date.now() - prunedAt >= 3_600_000) {
          prunedAt = Date.now();
          await dispatcher.prune();
        }
      } catch (error) {
        logger.error({ err: error }, 'webhook dispatch failed');
      } finally {
        round = undefined;
      }
    })();
  };
  run();
  const timer = setInterval(run, everyMs);
  timer.unref();
  return {
    stop: async () => {
      clearInterval(timer);
      dispatcher.stop();
      await round;
    },
  };
}
