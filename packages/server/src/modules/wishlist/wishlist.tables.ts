import type { Generated } from 'kysely';
import type { Timestamp } from '../../db/columns.ts';

// Wishlists and the alerts they send.

export interface WishlistItemTable {
  merchantId: string;
  customerId: string;
  productId: string;
  note: string;
  alertPriceDrop: boolean;
  alertBackInStock: boolean;
  priceWhenAdded: number;
  addedAt: Timestamp;
  updatedAt: Timestamp;
}

export interface NotificationTable {
  merchantId: string;
  id: Generated<number>;
  customerId: string;
  kind: 'price-drop' | 'back-in-stock';
  productId: string;
  previousPrice: number | null;
  price: number;
  createdAt: Timestamp;
  readAt: Timestamp | null;
}

/** The module's tables, by name, as `Database` collects them. */
export interface WishlistTables {
  wishlistItems: WishlistItemTable;
  notifications: NotificationTable;
}
