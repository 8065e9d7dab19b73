import { findMerchantById } from '@clientela/server/modules/auth';
import { putProduct } from '@clientela/server/modules/catalog';
import { putEmailSettings } from '@clientela/server/modules/mail-outbox';
import { redeem } from '@clientela/server/modules/loyalty';
import { alertWishlisters } from '@clientela/server/modules/wishlist';
import type { Database } from '@clientela/server/db/schema';
import type { Kysely } from 'kysely';

/**
 * What the demo store does on its first start that mails its shoppers,
 * through the same services its API runs: it sets where its mails link to
 * (its own pages), marks down a product on Ana's wishlist (a price-drop mail
 * to everyone who asked for the alert and accepts offers by email) and
 * redeems a reward for Ana (a code, always mailed). The server's sender then
 * delivers them: to the development mailbox at /dev/mail/, or over SMTP with
 * SMTP_URL.
 */
export async function sendFirstMail(db: Kysely<Database>, options: { merchantId: string; shopperId: string; origin: string; now: Date }): Promise<void> {
  const merchant = await findMerchantById(db, options.merchantId);
  if (!merchant) throw new Error(`No demo merchant ${options.merchantId}`);
  const page = (path: string) => new URL(path, options.origin).href;
  await putEmailSettings(db, merchant.id, {
    productUrlPattern: `${page('/producto/')}?id={productId}`,
    storeUrl: page('/'),
    statementUrl: page('/estado-de-cuenta/'),
    chatUrl: page('/'),
    pointsUrl: page('/mis-puntos/'),
    preferencesUrl: page('/mis-puntos/'),
    pointsExpiryNoticeDays: 7,
    brandColor: '#0f5f5c',
  });

  const saved = await db
    .selectFrom('wishlistItems as w')
    .innerJoin('products as p', (join) => join.onRef('p.merchantId', '=', 'w.merchantId').onRef('p.id', '=', 'w.productId'))
    .selectAll('p')
    .where('w.merchantId', '=', merchant.id)
    .where('w.customerId', '=', options.shopperId)
    .where('w.alertPriceDrop', '=', true)
    .where('p.active', '=', true)
    .orderBy('p.id')
    .executeTakeFirst();
  if (saved) {
    // A tenth off, in whole hundreds of pesos, as a store marks down.
    const price = Math.floor((saved.price * 0.9) / 100) * 100;
    const { name, description, category, imageUrl, stock, active, type, boost } = saved;
    const input = { name, description, category, imageUrl, stock, active, type, boost, price };
    await putProduct({ db, clock: () => options.now, onProductChange: [alertWishlisters] }, merchant, saved.id, input);
  }

  const reward = await db.selectFrom('rewards').select('id').where('merchantId', '=', merchant.id).where('active', '=', true).orderBy('cost').executeTakeFirst();
  if (reward) await redeem({ db, clock: () => options.now }, merchant, options.shopperId, reward.id, 'demo-first-mail');
}
