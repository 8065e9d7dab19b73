import type { Generated } from 'kysely';
import type { Timestamp, CreatedAt } from '../../db/columns.ts';

// Orders, their lines and refunds.

export interface OrderTable {
  merchantId: string;
  id: string;
  customerId: string;
  placedAt: Timestamp;
  total: number;
  currency: string;
  paidWithStoreCard: boolean;
  installments: number;
  withInterest: Generated<boolean>;
  refunded: Generated<number>;
  /** Fingerprint of the request that created the order, to tell a retry from a conflicting reuse of the id. */
  requestHash: string | null;
  createdAt: CreatedAt;
}

export interface OrderLineTable {
  merchantId: string;
  orderId: string;
  lineNo: number;
  productId: string;
  quantity: number;
  unitPrice: number;
}

export interface RefundTable {
  merchantId: string;
  id: string;
  orderId: string;
  amount: number;
  reason: string;
  createdAt: Timestamp;
  requestHash: string;
}

/** One report of where an order is; the latest is where it is now. */
export interface FulfillmentChangeTable {
  merchantId: string;
  orderId: string;
  seq: Generated<number>;
  status: string;
  carrier: string | null;
  trackingNumber: string | null;
  trackingUrl: string | null;
  /** When it happened, as the merchant says. */
  at: Timestamp;
  /** When it was reported. */
  recordedAt: Timestamp;
}

/** The module's tables, by name, as `Database` collects them. */
export interface OrderTables {
  orders: OrderTable;
  orderLines: OrderLineTable;
  refunds: RefundTable;
  fulfillmentChanges: FulfillmentChangeTable;
}
