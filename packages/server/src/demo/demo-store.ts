import { createClient, type Client } from '@clientela/client';
import { createPayment, createSession, listProducts, type Product } from '@clientela/contract';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { randomUUID } from 'node:crypto';
import * as z from 'zod';
import { demoMerchant, demoShoppers } from './seed.ts';

/** No inline script or style anywhere: the demo proves the kit runs under a strict policy. */
export const demoContentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const shopperCookie = 'aurora_shopper';
const SignIn = z.object({ customerId: z.enum(demoShoppers.map((s) => s.id) as [string, ...string[]]) });
/** What the store's checkout charged the shopper for their card, in minor units of the store's currency. */
const CardPayment = z.object({ period: z.string().regex(/^\d{4}-\d{2}$/), amount: z.number().int().min(1).max(1_000_000_000_000), currency: z.literal('CLP') });

/**
 * The demo merchant's own backend, as any merchant would write one: it keeps
 * who is signed in to the store in its own cookie, and mints Clientela shopper
 * sessions for them by calling the API with its secret key.
 */
export function demoStore(options: { apiUrl: () => string; pagesDir: string }): Hono {
  let client: Client | undefined;
  const api = () => (client ??= createClient({ api: options.apiUrl(), secretKey: demoMerchant.secretKey }));
  let catalog: { at: number; products: Product[] } | undefined;

  const store = new Hono();
  store.use('*', async (c, next) => {
    await next();
    c.res.headers.set('content-security-policy', demoContentSecurityPolicy);
    c.res.headers.set('x-content-type-options', 'nosniff');
    c.res.headers.set('referrer-policy', 'same-origin');
  });

  store.get('/demo/api/shoppers', (c) =>
    c.json({
      shoppers: demoShoppers.map(({ id, firstName, lastName, locale }) => ({ id, name: `${firstName} ${lastName}`, locale })),
      signedIn: getCookie(c, shopperCookie) ?? null,
    }),
  );

  store.post('/demo/api/sign-in', async (c) => {
    const parsed = SignIn.safeParse(await c.req.json().catch(() => undefined));
    if (!parsed.success) return c.json({ error: 'Pick one of the demo shoppers' }, 400);
    setCookie(c, shopperCookie, parsed.data.customerId, { httpOnly: true, sameSite: 'Lax', path: '/' });
    return c.body(null, 204);
  });

  store.post('/demo/api/sign-out', (c) => {
    deleteCookie(c, shopperCookie, { path: '/' });
    return c.body(null, 204);
  });

  store.get('/demo/api/session', async (c) => {
    const customerId = getCookie(c, shopperCookie);
    if (!customerId) return c.body(null, 204);
    return c.json(await api().call(createSession, { body: { customerId } }), 200, { 'cache-control': 'no-store' });
  });

  // The store's checkout charged the signed-in shopper (a stand-in gateway here), and the store credits the payment to their card.
  store.post('/demo/api/card-payments', async (c) => {
    const customerId = getCookie(c, shopperCookie);
    if (!customerId) return c.json({ error: 'Sign in first' }, 401);
    const parsed = CardPayment.safeParse(await c.req.json().catch(() => undefined));
    if (!parsed.success) return c.json({ error: 'Send a whole, positive amount in pesos' }, 400);
    const { amount, currency } = parsed.data;
    const payment = await api().call(createPayment, { body: { id: `aurora-${randomUUID()}`, customerId, amount, currency } });
    return c.json(payment, 201);
  });

  store.get('/demo/api/products', async (c) => {
    if (!catalog || Date.now() - catalog.at > 30_000) {
      const products: Product[] = [];
      let after: string | undefined;
      do {
        const page = await api().call(listProducts, { query: { limit: 100, ...(after ? { after } : {}) } });
        products.push(...page.items);
        after = page.nextCursor ?? undefined;
      } while (after);
      catalog = { at: Date.now(), products };
    }
    return c.json({ products: catalog.products });
  });

  store.use('/*', serveStatic({ root: options.pagesDir }));
  return store;
}
