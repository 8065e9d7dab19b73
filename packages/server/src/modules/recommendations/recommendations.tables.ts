import type { ColumnType, Generated } from 'kysely';

// A merchant's recommendation settings.

/** Products and categories, by id and name, as the settings list them. */
export interface ProductsAndCategories {
  products: string[];
  categories: string[];
}

type Json<T> = ColumnType<T, string | undefined, string>;

export interface RecommendationSettingsTable {
  merchantId: string;
  repeatPurchases: Generated<boolean>;
  pinned: Json<ProductsAndCategories>;
  excluded: Json<ProductsAndCategories>;
  boostWeight: Generated<number>;
}

/** The module's tables, by name, as `Database` collects them. */
export interface RecommendationTables {
  recommendationSettings: RecommendationSettingsTable;
}
