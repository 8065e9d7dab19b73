import type { AccessView, ConsentPurpose, StaffRole } from '@clientela/contract';
import type { ColumnType, Generated } from 'kysely';
import type { Timestamp } from '../../db/columns.ts';

// Each store's privacy settings, the consents shoppers gave, the staff's reads of their data, and erasures waiting for a confirmation.

export interface PrivacySettingsTable {
  merchantId: string;
  consentTextVersion: string;
  consentDefaults: ColumnType<Record<ConsentPurpose, boolean>, string, string>;
  chatRetentionDays: number | null;
  inactiveCustomerRetentionDays: number | null;
  /** When the retention job last applied the periods; null sends it at its next round. */
  retentionAppliedAt: Timestamp | null;
}

/** One change of one consent; never changed once written. */
export interface ConsentChangeTable {
  merchantId: string;
  id: Generated<number>;
  customerId: string;
  purpose: ConsentPurpose;
  granted: boolean;
  textVersion: string;
  channel: 'portal' | 'store';
  actorKind: 'shopper' | 'staff' | 'backend';
  /** The member of the staff who recorded it, with their name and role then; null for the shopper or the backend. */
  actorStaffId: string | null;
  actorName: string | null;
  actorRole: StaffRole | null;
  at: Timestamp;
}

/** One read of a customer's data by the staff (or an export by the store's backend); never changed once written. */
export interface AccessLogTable {
  merchantId: string;
  id: Generated<number>;
  customerId: string;
  staffId: string | null;
  staffName: string | null;
  staffRole: StaffRole | null;
  view: AccessView;
  at: Timestamp;
}

export interface ErasureConfirmationTable {
  merchantId: string;
  customerId: string;
  /** The SHA-256 of the confirmation the shopper was given: the confirmation itself is never stored. */
  confirmationHash: string;
  expiresAt: Timestamp;
}

/** The module's tables, by name, as `Database` collects them. */
export interface PrivacyTables {
  privacySettings: PrivacySettingsTable;
  consentChanges: ConsentChangeTable;
  accessLog: AccessLogTable;
  erasureConfirmations: ErasureConfirmationTable;
}
