import type { Generated } from 'kysely';
import type { Timestamp } from '../../db/columns.ts';

// Browsing signals: what visitors and shoppers looked at and put in the cart.

export interface BrowsingEventTable {
  merchantId: string;
  /** Insertion order: the latest events per subject are the highest ids. */
  id: Generated<number>;
  /** The shopper's, when signed in (or once their visitor's events were merged). */
  customerId: string | null;
  /** The anonymous visitor's, until a session names them. */
  visitorId: string | null;
  productId: string;
  kind: 'view' | 'cart';
  at: Timestamp;
}

/** The module's tables, by name, as `Database` collects them. */
export interface EventTables {
  browsingEvents: BrowsingEventTable;
}
