import type { Generated, Selectable } from 'kysely';
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
  /** What it is whatever its brand ("Cafetera espresso"); '' for none: see `ProductInput.type`. */
  type: Generated<string>;
  /** The merchant's 0–1 lift for recommendations; never shown to shoppers. */
  boost: Generated<number>;
  createdAt: CreatedAt;
  updatedAt: Timestamp;
}

/** The module's tables, by name, as `Database` collects them. */
export interface CatalogTables {
  products: ProductTable;
}

export type ProductRow = Selectable<ProductTable>;
