import { hkdfSync, randomUUID } from 'node:crypto';
import { ApiError, createClient, type Client } from '@clientela/client';
import { createPayment, createSession, listProducts, type Product } from '@clientela/contract';
import { systemClock, type Clock } from '@clientela/server/core/clock';
import { sameOriginHeaders, setHeaders } from '@clientela/server/http/security-headers';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono, type Context } from 'hono';
import { deleteCookie, getSignedCookie, setSignedCookie } from 'hono/cookie';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import * as z from 'zod/mini';
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
/** How long a sign-in lasts: the cookie says until when, under the store's signature. */
const signInLifetimeSeconds = 12 * 3600;
const SignIn = z.object({ customerId: z.enum(demoShoppers.map((s) => s.id) as [string, ...string[]]) });
/** What the store's checkout charged the shopper for their card, in minor units of the store's currency. */
const CardPayment = z.object({
  period: z.string().check(z.regex(/^\d{4}-\d{2}$/)),
  amount: z.int().check(z.minimum(1), z.maximum(1_000_000_000_000)),
  currency: z.literal('CLP'),
});

/**
 * Whether a browser sent this request from a page of another origin. Browsers
 * say so in Sec-Fetch-Site; those without it still send Origin with a POST,
 * compared by host because a proxy that ends TLS hides the scheme. A request
 * with neither header came from no browser page, so no other site can have
 * made a visitor's browser send it with their cookie.
 */
function fromAnotherOrigin(request: Request): boolean {
  const site = request.headers.get('sec-fetch-site');
  if (site !== null) return site !== 'same-origin' && site !== 'none';
  const origin = request.headers.get('origin');
  if (origin === null) return false;
  return !URL.canParse(origin) || new URL(origin).host !== new URL(request.url).host;
}

/** Whether the visitor reached the store over HTTPS, directly or through a proxy that ends TLS and says so. */
const overHttps = (c: Context) => new URL(c.req.url).protocol === 'https:' || c.req.header('x-forwarded-proto')?.split(',')[0]?.trim() === 'https';

/** The body when it says it is JSON; anything else reads as nothing, which the schemas refuse. */
const jsonBody = (c: Context): Promise<unknown> =>
  /^application\/json\b/i.test(c.req.header('content-type') ?? '') ? c.req.json().catch(() => undefined) : Promise.resolve(undefined);

/**
 * The demo merchant's own backend, as any merchant would write one: it keeps
 * who is signed in to the store in its own cookie, signed so that nobody can
 * write one for someone else, takes sign-ins, sign-outs and payments only from
 * its own pages, and mints Clientela shopper sessions for whoever is signed in
 * by calling the API with its secret key.
 */
export function demoStore(options: { apiUrl: () => string; pagesDir: string; tokenSecret: Uint8Array; clock?: Clock }): Hono {
  const clock = options.clock ?? systemClock;
  // A key of its own, derived from the server's token secret: every instance on the same database signs alike.
  const cookieKey = hkdfSync('sha256', options.tokenSecret, new Uint8Array(0), 'clientela demo store sign-in cookie', 32);
  let client: Client | undefined;
  const api = () => (client ??= createClient({ api: options.apiUrl(), secretKey: demoMerchant.secretKey }));
  let catalog: { at: number; products: Product[] } | undefined;

  /** Who the store's cookie says is signed in: nobody, unless the store signed it and its time has not run out. */
  const signedIn = async (c: Context): Promise<string | undefined> => {
    const value = await getSignedCookie(c, cookieKey, shopperCookie);
    if (!value) return undefined;
    const [customerId, until] = value.split('|');
    return customerId && Number(until) * 1000 > clock().getTime() ? customerId : undefined;
  };

  const store = new Hono();
  store.use('*', async (c, next) => {
    await next();
    setHeaders(c.res.headers, { ...sameOriginHeaders, 'content-security-policy': demoContentSecurityPolicy, 'referrer-policy': 'same-origin' });
  });
  // SameSite=Lax keeps the cookie from other sites' requests, but not from a sibling subdomain's: each change is checked too.
  store.use('/demo/api/*', async (c, next) => {
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD' && fromAnotherOrigin(c.req.raw)) {
      return c.json({ error: 'The store takes this only from its own pages' }, 403);
    }
    await next();
  });

  store.get('/demo/api/shoppers', async (c) =>
    c.json({
      shoppers: demoShoppers.map(({ id, firstName, lastName, locale }) => ({ id, name: `${firstName} ${lastName}`, locale })),
      signedIn: (await signedIn(c)) ?? null,
    }),
  );

  store.post('/demo/api/sign-in', async (c) => {
    const parsed = SignIn.safeParse(await jsonBody(c));
    if (!parsed.success) return c.json({ error: 'Pick one of the demo shoppers' }, 400);
    const until = Math.floor(clock().getTime() / 1000) + signInLifetimeSeconds;
    await setSignedCookie(c, shopperCookie, `${parsed.data.customerId}|${until}`, cookieKey, {
      httpOnly: true,
      sameSite: 'Lax',
      secure: overHttps(c),
      path: '/',
      maxAge: signInLifetimeSeconds,
    });
    return c.body(null, 204);
  });

  store.post('/demo/api/sign-out', (c) => {
    deleteCookie(c, shopperCookie, { path: '/', secure: overHttps(c) });
    return c.body(null, 204);
  });

  store.get('/demo/api/session', async (c) => {
    const customerId = await signedIn(c);
    if (!customerId) return c.body(null, 204);
    return c.json(await api().call(createSession, { body: { customerId } }), 200, { 'cache-control': 'no-store' });
  });

  // The store's checkout charged the signed-in shopper (a stand-in gateway here), and the store credits the payment to their card.
  store.post('/demo/api/card-payments', async (c) => {
    const customerId = await signedIn(c);
    if (!customerId) return c.json({ error: 'Sign in first' }, 401);
    const parsed = CardPayment.safeParse(await jsonBody(c));
    if (!parsed.success) return c.json({ error: 'Send a whole, positive amount in pesos' }, 400);
    const { amount, currency } = parsed.data;
    try {
      const payment = await api().call(createPayment, { body: { id: `aurora-${randomUUID()}`, customerId, amount, currency } });
      return c.json(payment, 201);
    } catch (error) {
      // The API refused the payment (more than is owed, say): the page shows why.
      if (error instanceof ApiError && error.status < 500) return c.json({ error: error.message }, error.status as ContentfulStatusCode);
      throw error;
    }
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
