export interface Product {
  id: string;
  name: string;
  description: string;
  category: string;
  price: { amount: number; currency: string };
  imageUrl: string | null;
  stock: number;
}

let catalog: Promise<Product[]> | undefined;

/** The store's catalog, from its own backend (which reads it from Clientela with the secret key). */
export function fetchCatalog(): Promise<Product[]> {
  catalog ??= fetch('/demo/api/products').then(async (response) => {
    if (!response.ok) throw new Error(`Catalog: HTTP ${response.status}`);
    return ((await response.json()) as { products: Product[] }).products;
  });
  return catalog;
}
