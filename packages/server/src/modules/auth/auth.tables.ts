import type { ColumnType, Generated, Selectable } from 'kysely';
import type { Timestamp, CreatedAt } from '../../db/columns.ts';

// The tables of stores, their origins and agents, ended sessions and server-wide settings.

export interface MerchantTable {
  id: string;
  name: string;
  currency: string;
  timeZone: string;
  locale: string;
  publishableKey: string;
  secretKeyHash: string;
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

export interface AgentTable {
  merchantId: string;
  id: string;
  email: string;
  name: string;
  passwordHash: string;
  /** Carried by every token of the agent; raised to end all their sessions. */
  sessionVersion: Generated<number>;
  sessionsEndedAt: Timestamp | null;
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
  agents: AgentTable;
  serverSettings: ServerSettingTable;
  endedSessions: EndedSessionTable;
}

export type MerchantRow = Selectable<MerchantTable>;
