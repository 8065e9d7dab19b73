import type { ChatEvent } from '@clientela/contract';
import type { Kysely } from 'kysely';
import type { Logger } from '../../core/logger.ts';
import type { Notifications } from '../../db/open.ts';
import type { Database } from '../../db/schema.ts';
import { eventsAfter, lastEventId, type EventScope } from './chat.repository.ts';

export interface Delivery {
  /** The event's id to resume after; null for ephemeral events (typing). */
  id: number | null;
  event: ChatEvent;
}

interface Subscriber {
  scope: EventScope;
  lastId: number;
  /** While it catches up from the database, what the hub fetched meanwhile waits here. */
  queue: Delivery[] | null;
  deliver: (delivery: Delivery) => void;
}

interface MerchantFeed {
  cursor: number;
  subscribers: Set<Subscriber>;
  fetching: Promise<void> | null;
  again: boolean;
}

const channel = 'clientela_chat';
const batch = 500;

const inScope = (scope: EventScope, event: { customerId: string; conversationId: string }) =>
  (scope.customerId === undefined || scope.customerId === event.customerId) &&
  (scope.conversationId === undefined || scope.conversationId === event.conversationId);

/**
 * Carries chat events from the database to the open streams of this
 * instance. Writers (on any instance) NOTIFY a merchant's id; the hub then
 * reads that merchant's new events once and hands each to the streams it
 * concerns. The events table is the truth: notifications only wake the hub,
 * a poll every few seconds covers any that were lost, and a stream that
 * resumes after an id first reads what it missed from the table.
 */
export class ChatHub {
  readonly #db: Kysely<Database>;
  readonly #notifications: Notifications;
  readonly #logger: Logger;
  readonly #feeds = new Map<string, MerchantFeed>();
  #stopListening: Promise<() => Promise<void>> | null = null;
  readonly #poll: ReturnType<typeof setInterval>;

  constructor(db: Kysely<Database>, notifications: Notifications, logger: Logger, pollMs = 5_000) {
    this.#db = db;
    this.#logger = logger;
    this.#notifications = notifications;
    this.#poll = setInterval(() => {
      for (const merchantId of this.#feeds.keys()) this.wake(merchantId);
    }, pollMs);
    this.#poll.unref();
  }

  #listen(): void {
    this.#stopListening ??= this.#notifications.listen(channel, (payload) => {
      const [kind, merchantId, conversationId, customerId, author] = payload.split('|');
      if (kind === 'events' && merchantId) this.wake(merchantId);
      if (kind === 'typing' && merchantId && conversationId && customerId && (author === 'shopper' || author === 'agent')) {
        this.#typing(merchantId, conversationId, customerId, author);
      }
    });
  }

  /** Tells every instance (this one included) that a merchant has new events. Call after the transaction commits. */
  async announce(merchantId: string): Promise<void> {
    this.wake(merchantId);
    await this.#notifications.notify(channel, `events|${merchantId}`);
  }

  /** Passes "typing…" to the streams of every instance; nothing is stored. */
  async announceTyping(merchantId: string, conversationId: string, customerId: string, author: 'shopper' | 'agent'): Promise<void> {
    await this.#notifications.notify(channel, `typing|${merchantId}|${conversationId}|${customerId}|${author}`);
  }

  #typing(merchantId: string, conversationId: string, customerId: string, author: 'shopper' | 'agent'): void {
    for (const subscriber of this.#feeds.get(merchantId)?.subscribers ?? []) {
      if (inScope(subscriber.scope, { customerId, conversationId }) && subscriber.queue === null) {
        subscriber.deliver({ id: null, event: { type: 'typing', conversationId, author } });
      }
    }
  }

  /** Reads a merchant's new events and hands them out; a wake during a read makes one more read. */
  wake(merchantId: string): void {
    const feed = this.#feeds.get(merchantId);
    if (!feed) return;
    if (feed.fetching) {
      feed.again = true;
      return;
    }
    feed.fetching = (async () => {
      do {
        feed.again = false;
        let rows;
        do {
          rows = await eventsAfter(this.#db, merchantId, feed.cursor, {}, batch);
          for (const row of rows) {
            feed.cursor = row.id;
            const delivery = { id: row.id, event: row.payload as ChatEvent };
            for (const subscriber of feed.subscribers) {
              if (!inScope(subscriber.scope, row)) continue;
              if (subscriber.queue) subscriber.queue.push(delivery);
              else if (row.id > subscriber.lastId) {
                subscriber.lastId = row.id;
                subscriber.deliver(delivery);
              }
            }
          }
        } while (rows.length === batch);
      } while (feed.again);
    })()
      .catch((error: unknown) => this.#logger.error({ err: error, merchantId }, 'chat events could not be read'))
      .finally(() => (feed.fetching = null));
  }

  /**
   * Streams a scope's events after `afterId` to `deliver`, each exactly once
   * and in order: first what the table holds past `afterId`, then what comes.
   * Resolves to a function that stops it.
   */
  async subscribe(merchantId: string, scope: EventScope, afterId: number, deliver: (delivery: Delivery) => void): Promise<() => void> {
    this.#listen();
    await this.#stopListening;
    if (!this.#feeds.has(merchantId)) {
      const cursor = await lastEventId(this.#db, merchantId);
      // Another stream of the merchant may have made the feed while the cursor was read.
      if (!this.#feeds.has(merchantId)) this.#feeds.set(merchantId, { cursor, subscribers: new Set(), fetching: null, again: false });
    }
    const feed = this.#feeds.get(merchantId)!;
    const subscriber: Subscriber = { scope, lastId: afterId, queue: [], deliver };
    feed.subscribers.add(subscriber);
    try {
      let rows;
      do {
        rows = await eventsAfter(this.#db, merchantId, subscriber.lastId, scope, batch);
        for (const row of rows) {
          subscriber.lastId = row.id;
          deliver({ id: row.id, event: row.payload as ChatEvent });
        }
      } while (rows.length === batch);
      for (const delivery of subscriber.queue!) {
        if (delivery.id !== null && delivery.id > subscriber.lastId) {
          subscriber.lastId = delivery.id;
          deliver(delivery);
        }
      }
    } finally {
      subscriber.queue = null;
    }
    const current = feed;
    return () => {
      current.subscribers.delete(subscriber);
      if (current.subscribers.size === 0 && !current.fetching) this.#feeds.delete(merchantId);
    };
  }

  /** How many streams this instance is serving. */
  get streams(): number {
    let count = 0;
    for (const feed of this.#feeds.values()) count += feed.subscribers.size;
    return count;
  }

  async close(): Promise<void> {
    clearInterval(this.#poll);
    const stop = await this.#stopListening;
    await stop?.();
  }
}
