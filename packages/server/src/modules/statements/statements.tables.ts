import type { CardSettings } from '@clientela/contract';
import type { ColumnType, Generated } from 'kysely';
import type { DateOnly, Timestamp } from '../../db/columns.ts';
import type { Disclosures, Figures } from './statement.ts';

// The store card: its rules, accounts, purchases in installments, money in, and closed statements with their lines.

/** A merchant's card rules, as `PUT /v1/card-settings` sets them. */
export interface CardSettingsTable extends CardSettings {
  merchantId: string;
}

export interface CardAccountTable {
  merchantId: string;
  customerId: string;
  creditLimit: number;
  openedAt: Timestamp;
  lastClosedPeriod: string | null;
}

export interface CardPlanTable {
  merchantId: string;
  orderId: string;
  customerId: string;
  purchasedAt: Timestamp;
  firstPeriod: string;
  description: string;
  moreItems: number;
  amount: number;
  installmentAmounts: ColumnType<number[], string, string>;
  installmentInterest: ColumnType<number[], string, string>;
}

export interface CardMovementTable {
  merchantId: string;
  id: Generated<number>;
  customerId: string;
  kind: 'payment' | 'credit';
  amount: number;
  occurredAt: Timestamp;
  reference: string;
  orderId: string | null;
  requestHash: string;
}

/** A closed statement: its period and dates, its figures as they closed, and what it disclosed. */
export interface CardStatementTable extends Figures {
  merchantId: string;
  customerId: string;
  period: string;
  periodStart: DateOnly;
  closingDate: DateOnly;
  dueDate: DateOnly;
  dueEnd: Timestamp;
  currency: string;
  transactionCount: number;
  /** Null for statements closed before disclosures were kept. */
  disclosures: ColumnType<Disclosures | null, string, never>;
}

export interface CardStatementLineTable {
  merchantId: string;
  customerId: string;
  period: string;
  seq: number;
  kind: string;
  occurredAt: Timestamp;
  description: string;
  moreItems: number;
  amount: number;
  installmentNumber: number | null;
  installmentCount: number | null;
  orderId: string | null;
  purchaseTotal: number | null;
}

/** The module's tables, by name, as `Database` collects them. */
export interface StatementTables {
  cardSettings: CardSettingsTable;
  cardAccounts: CardAccountTable;
  cardPlans: CardPlanTable;
  cardMovements: CardMovementTable;
  cardStatements: CardStatementTable;
  cardStatementLines: CardStatementLineTable;
}
