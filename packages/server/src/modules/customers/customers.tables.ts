import type { StaffRole } from '@clientela/contract';
import type { ColumnType, Generated, Selectable } from 'kysely';
import type { Timestamp, CreatedAt, DateOnly } from '../../db/columns.ts';

/** A column the database computes from others: read, never written. */
type Computed<T> = ColumnType<T, never, never>;

// The merchant's customers, and the staff's notes on them.

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
  /** Id, names and email without case or accents (`clientela_fold`): what a search matches. */
  searchText: Computed<string>;
  /** Last name then first name, folded: what lists sort by name on. */
  sortName: Computed<string>;
  /** Spend and orders of the last twelve months, spend to date and the last purchase, as of the pyramid's last computation. */
  recentSpend: Generated<number>;
  recentOrders: Generated<number>;
  spentToDate: Generated<number>;
  lastPurchaseAt: Timestamp | null;
  /** When the customer was erased: their personal data is gone, their sessions are refused, and they are never synced again. */
  erasedAt: Timestamp | null;
}

/** A note of the staff (or the store's backend) on a customer; never changed once written. */
export interface CustomerNoteTable {
  merchantId: string;
  id: Generated<number>;
  customerId: string;
  /** Null, with the name and role, for a note the store's backend wrote with the secret key. */
  authorStaffId: string | null;
  authorName: string | null;
  authorRole: StaffRole | null;
  body: string;
  createdAt: Timestamp;
}

/** The module's tables, by name, as `Database` collects them. */
export interface CustomerTables {
  customers: CustomerTable;
  customerNotes: CustomerNoteTable;
}

export type CustomerRow = Selectable<CustomerTable>;
