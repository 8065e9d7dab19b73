import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Demo } from '@clientela/server';
import { demoStore } from './demo-store.ts';
import { demoMerchant, demoStaff, seedDemo } from './seed.ts';

/** The demo store's pages, built from the repository's demo/ folder by `npm run build` (this file sits two folders below packages/, in src/ and in dist/ alike). */
export const demoPages = fileURLToPath(new URL('../../../demo/dist/', import.meta.url));

/** Almacenes Aurora, as `clientela serve --demo` seeds it and serves its store. */
export const demo: Demo = {
  merchant: demoMerchant,
  staff: demoStaff,
  seed: seedDemo,
  store: (options) => {
    if (!existsSync(demoPages)) throw new Error(`No demo pages in ${demoPages}: run \`npm run build\` first`);
    return demoStore({ ...options, pagesDir: demoPages });
  },
};

export { demoContentSecurityPolicy, demoStore } from './demo-store.ts';
export { SeededRandom } from './random.ts';
export { demoAgents, demoCustomerCount, demoCustomerId, demoMerchant, demoShoppers, demoStaff, seedDemo } from './seed.ts';
