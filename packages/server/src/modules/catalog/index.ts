// The merchant's products, and the hook other modules act on their changes through.
export { findProduct } from './catalog.repository.ts';
export { putProduct, toProduct, type ProductChange, type ProductChangeListener } from './catalog.service.ts';
export type { ProductRow } from './catalog.tables.ts';
