import type { Selectable } from 'kysely';
import type { Timestamp, CreatedAt } from '../../db/columns.ts';

// The merchant's products.

export interface ProductTable {
  merchantId: string;
  id: string;
  name: string;
  description: string;
  category: string;
  price: number;
  imageUrl: string | null;
  stock: number;
  active: boolean;
  createdAt: CreatedAt;
  updatedAt: Timestamp;
}

/** The module's tables, by name, as `Database` collects them. */
export interface CatalogTables {
  products: ProductTable;
}

export type ProductRow = Selectable<ProductTable>;
