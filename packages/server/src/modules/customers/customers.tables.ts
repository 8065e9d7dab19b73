import type { Generated, Selectable } from 'kysely';
import type { Timestamp, CreatedAt, DateOnly } from '../../db/columns.ts';

// The merchant's customers.

export interface CustomerTable {
  merchantId: string;
  id: string;
  firstName: string;
  lastName: string;
  email: string | null;
  phone: string | null;
  locale: string | null;
  birthday: DateOnly | null;
  registeredAt: Timestamp;
  tier: Generated<string>;
  /** When the points ledger next needs a write of its own: an expiry or a birthday bonus. */
  pointsDueAt: Timestamp | null;
  /** The sum of the customer's points entries, added to by the database with every append. */
  pointsLedgerSum: Generated<number>;
  /** Carried by every session token of the customer; raised to end all their sessions. */
  sessionVersion: Generated<number>;
  sessionsEndedAt: Timestamp | null;
  createdAt: CreatedAt;
  updatedAt: Timestamp;
}

/** The module's tables, by name, as `Database` collects them. */
export interface CustomerTables {
  customers: CustomerTable;
}

export type CustomerRow = Selectable<CustomerTable>;
