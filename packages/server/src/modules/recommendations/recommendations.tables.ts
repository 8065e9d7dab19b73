
// A merchant's recommendation settings.

export interface RecommendationSettingsTable {
  merchantId: string;
  repeatPurchases: boolean;
}

/** The module's tables, by name, as `Database` collects them. */
export interface RecommendationTables {
  recommendationSettings: RecommendationSettingsTable;
}
