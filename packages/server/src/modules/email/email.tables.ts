import type { EmailDeliveryStatus, EmailKind } from '@clientela/contract';
import type { ColumnType, Generated } from 'kysely';
import type { Timestamp } from '../../db/columns.ts';

// Each store's mail settings, the outbox of mails to shoppers, the suppression list and the development mailbox.

export interface EmailSettingsTable {
  merchantId: string;
  productUrlPattern: string | null;
  storeUrl: string | null;
  statementUrl: string | null;
  chatUrl: string | null;
  pointsUrl: string | null;
  preferencesUrl: string | null;
  pointsExpiryNoticeDays: number;
  brandColor: string;
}

export interface EmailOutboxTable {
  merchantId: string;
  id: string;
  /** Order of creation, for listing newest first. */
  seq: Generated<number>;
  customerId: string;
  kind: EmailKind;
  /** What event of its kind the mail is about (an alert's id, a period, a redemption): with the customer and kind, sent at most once. */
  eventKey: string;
  /** What the trigger knew at its event: the mail is written from them, with the customer as they are when it is sent. */
  facts: ColumnType<Record<string, unknown>, string, string>;
  status: EmailDeliveryStatus;
  reason: string | null;
  recipient: string | null;
  subject: string | null;
  attempts: Generated<number>;
  maxAttempts: number;
  nextAttemptAt: Timestamp | null;
  createdAt: Timestamp;
  sentAt: Timestamp | null;
}

export interface EmailSuppressionTable {
  merchantId: string;
  /** In lower case. */
  address: string;
  /** An unsubscribe stops marketing mail; a hard bounce stops every mail. */
  reason: 'unsubscribe' | 'bounce';
  at: Timestamp;
}

export interface DevMailboxTable {
  id: Generated<number>;
  merchantId: string;
  deliveryId: string;
  sender: string;
  recipient: string;
  subject: string;
  headers: ColumnType<Record<string, string>, string, string>;
  html: string;
  text: string;
  createdAt: Timestamp;
}

/** The module's tables, by name, as `Database` collects them. */
export interface EmailTables {
  emailSettings: EmailSettingsTable;
  emailOutbox: EmailOutboxTable;
  emailSuppressions: EmailSuppressionTable;
  devMailbox: DevMailboxTable;
}
