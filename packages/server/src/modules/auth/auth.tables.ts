import type { StaffRole } from '@clientela/contract';
import type { ColumnType, Generated, Selectable } from 'kysely';
import type { Timestamp, CreatedAt } from '../../db/columns.ts';

// The tables of stores, their origins and staff, ended sessions and server-wide settings.

export interface MerchantTable {
  id: string;
  name: string;
  currency: string;
  timeZone: string;
  locale: string;
  publishableKey: string;
  secretKeyHash: string;
  /** The publishable key before the last roll, and until when it still works. */
  previousPublishableKey: string | null;
  previousPublishableKeyUntil: Timestamp | null;
  /** The digest of the secret key before the last roll, and until when it still works. */
  previousSecretKeyHash: string | null;
  previousSecretKeyUntil: Timestamp | null;
  /** The least trailing-12-month spend of each active tier when tiers were last computed. */
  tierFloors: ColumnType<Record<string, number> | null, string | null, string | null>;
  tiersComputedAt: Timestamp | null;
  /** The version of the store's token key it signs with now (see TokenService). */
  tokenKeyVersion: Generated<number>;
  /** Until when tokens under the version before still verify; null when none does. */
  previousTokenKeyUntil: Timestamp | null;
  createdAt: CreatedAt;
}

export interface MerchantOriginTable {
  merchantId: string;
  origin: string;
}

/** A member of a store's staff: an owner, an admin or an agent. */
export interface StaffTable {
  merchantId: string;
  id: string;
  email: string;
  name: string;
  passwordHash: string;
  role: StaffRole;
  /** Carried by every token of theirs; raised to end all their sessions (a sign-out everywhere, a new role or password, removal). */
  sessionVersion: Generated<number>;
  sessionsEndedAt: Timestamp | null;
  /** When they were removed from the staff: they sign in no more, and what they wrote keeps their name. */
  removedAt: Timestamp | null;
  createdAt: CreatedAt;
}

/** A session signed out before its token expired, kept until it would have. */
export interface EndedSessionTable {
  merchantId: string;
  tokenId: string;
  expiresAt: Timestamp;
}

export interface ServerSettingTable {
  name: string;
  value: string;
}

/** The module's tables, by name, as `Database` collects them. */
export interface AuthTables {
  merchants: MerchantTable;
  merchantOrigins: MerchantOriginTable;
  staff: StaffTable;
  serverSettings: ServerSettingTable;
  endedSessions: EndedSessionTable;
}

export type MerchantRow = Selectable<MerchantTable>;
export type StaffRow = Selectable<StaffTable>;
