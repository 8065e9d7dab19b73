import type { ColumnType, Generated } from 'kysely';
import type { Timestamp } from '../../db/columns.ts';

// Webhook endpoints and the deliveries of the outbox.

export interface WebhookEndpointTable {
  merchantId: string;
  id: string;
  url: string;
  events: ColumnType<string[], string, string>;
  description: string;
  /** The signing secret, sealed with a key derived from the server's token secret (see WebhookSecrets). */
  sealedSecret: string;
  createdAt: Timestamp;
}

export interface WebhookDeliveryTable {
  merchantId: string;
  id: string;
  /** Order of creation, for listing newest first. */
  seq: Generated<number>;
  endpointId: string;
  eventId: string;
  eventType: string;
  /** The request body exactly as it is signed and sent. */
  payload: string;
  status: 'pending' | 'succeeded' | 'failed';
  attempts: Generated<number>;
  maxAttempts: number;
  nextAttemptAt: Timestamp | null;
  lastStatusCode: number | null;
  lastError: string | null;
  createdAt: Timestamp;
  deliveredAt: Timestamp | null;
}

/** The module's tables, by name, as `Database` collects them. */
export interface WebhookTables {
  webhookEndpoints: WebhookEndpointTable;
  webhookDeliveries: WebhookDeliveryTable;
}
