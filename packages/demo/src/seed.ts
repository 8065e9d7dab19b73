import type { Tier } from '@clientela/contract';
import type { DemoSeedResult } from '@clientela/server';
import { localDate } from '@clientela/server/core/time-zone';
import type { Database } from '@clientela/server/db/schema';
import { addMerchant, allowOrigins, createStaffMember, findStaffMember, normalizeOrigin } from '@clientela/server/modules/auth';
import { defaultLoyaltySettings, recomputeTiers } from '@clientela/server/modules/loyalty';
import { defaultCardSettings } from '@clientela/server/modules/statements';
import type { Insertable, Kysely, Transaction } from 'kysely';
import { makeCardHistory } from './card-history.ts';
import { complements, demoCatalog, demoRewards, type DemoProduct } from './catalog.ts';
import { demoConversations } from './conversations.ts';
import {
  emailPart,
  englishFemale,
  englishMale,
  englishSurnames,
  spanishFemale,
  spanishMale,
  spanishSurnames,
} from './people.ts';
import { makePointsHistory } from './points-history.ts';
import { makeAccessLog, makeConsents } from './privacy.ts';
import { demoStream, SeededRandom } from './random.ts';
import { paymentHabits, type DemoCustomer, type GeneratedOrder } from './shoppers.ts';
import { makeWishlists } from './wishlists.ts';
import { sendFirstMail } from './first-mail.ts';
import { demoQuestions, makeFulfilment } from './fulfilment-and-questions.ts';

/** The demo merchant's keys: fixed, and only ever given to the demo merchant. */
export const demoMerchant = {
  id: 'mer_demo',
  name: 'Almacenes Aurora',
  publishableKey: 'pk_test_demo',
  secretKey: 'sk_test_demo',
} as const;

export const demoAgents = [
  { id: 'agt_demo_sofia', name: 'Sofía Morales', email: 'agente@demo.clientela.dev', password: 'demo-agente', role: 'agent' },
  { id: 'agt_demo_tomas', name: 'Tomás Reyes', email: 'tomas@demo.clientela.dev', password: 'demo-agente', role: 'agent' },
] as const;

/** The demo store's staff, each with a sign-in `serve --demo` prints: its owner, an admin and the agents. */
export const demoStaff = [
  { id: 'stf_demo_owner', name: 'Isabel Fuentes', email: 'dueno@demo.clientela.dev', password: 'demo-dueno', role: 'owner' },
  { id: 'stf_demo_admin', name: 'Martín Soto', email: 'admin@demo.clientela.dev', password: 'demo-admin', role: 'admin' },
  ...demoAgents,
] as const;

/** The staff's follow-up on Ana Torres, the store's best customer: who wrote what, how many days before the seeding. */
const notesOnAna = [
  { by: 'stf_demo_admin', daysAgo: 40, body: 'Cliente top desde hace dos años. Ofrecerle la preventa de temporada antes que a nadie.' },
  { by: 'agt_demo_sofia', daysAgo: 12, body: 'Llamó por el despacho del refrigerador: llegó con un día de atraso. Se le ofreció despacho gratis en la próxima compra; quedó conforme.' },
  { by: 'stf_demo_owner', daysAgo: 3, body: 'Invitarla al evento de clientes Aurora de marzo. Prefiere que la contacten por correo, no por teléfono.' },
] as const;

/** Shoppers the demo store lets a visitor sign in as, each showing a different side of the kit. */
export const demoShoppers = [
  { id: 'cli-0001', firstName: 'Ana', lastName: 'Torres', locale: 'es', ordersPerYear: 90 },
  { id: 'cli-0002', firstName: 'Emma', lastName: 'Clarke', locale: 'en', ordersPerYear: 14 },
  { id: 'cli-0003', firstName: 'Lucía', lastName: 'Fernández', locale: 'es', ordersPerYear: 5 },
  { id: 'cli-0004', firstName: 'Diego', lastName: 'Rojas', locale: 'es', ordersPerYear: 0 },
] as const;

const demoTimeZone = 'America/Santiago';
/** How many customers the demo store has, `demoCustomerId(1)` to `demoCustomerId(320)`. */
export const demoCustomerCount = 320;

/** The demo store's id for its `n`th customer (from 1): `cli-0001`. */
export const demoCustomerId = (n: number) => `cli-${String(n).padStart(4, '0')}`;
const day = 86_400_000;

const isoDate = (date: Date) => date.toISOString().slice(0, 10);

function makeCustomers(random: SeededRandom, now: Date, categories: string[]): DemoCustomer[] {
  const customers: DemoCustomer[] = [];
  const taken = new Set<string>();
  for (let i = 1; i <= demoCustomerCount; i++) {
    const fixed = demoShoppers[i - 1];
    const english = fixed ? fixed.locale === 'en' : random.chance(0.25);
    const female = random.chance(0.52);
    const firstName = fixed?.firstName ?? random.pick(english ? (female ? englishFemale : englishMale) : female ? spanishFemale : spanishMale);
    const lastName = fixed?.lastName ?? random.pick(english ? englishSurnames : spanishSurnames);
    let email = `${emailPart(firstName)}.${emailPart(lastName)}@example.com`;
    for (let n = 2; taken.has(email); n++) email = `${emailPart(firstName)}.${emailPart(lastName)}${n}@example.com`;
    taken.add(email);
    const birthDate = new Date(Date.UTC(random.int(1955, 2005), random.int(0, 11), random.int(1, 28)));
    // Lucía's birthday is the day the demo store opens, so the greeting has a birthday to show.
    const birthday = i === 3 ? `1992-${localDate(now, demoTimeZone).slice(5)}` : isoDate(birthDate);
    const lapsed = !fixed && random.chance(0.08);
    const never = !fixed && !lapsed && random.chance(0.1);
    // Ana buys far more often than anyone else (90 orders a year, the others 25 at the most): whatever baskets the
    // day of seeding draws, her year's spend stays well above the others', at the top of the pyramid the demo shows her in.
    const ordersPerYear = fixed ? fixed.ordersPerYear : never ? 0 : Math.min(25, 2 * random.pareto(1.16));
    const registeredDaysAgo = lapsed ? random.int(400, 1100) : fixed ? [1000, 700, 500, 3][i - 1]! : random.int(0, 1100);
    const hasCard = fixed ? fixed.ordersPerYear > 0 : !never && random.chance(0.6);
    const card = hasCard
      ? {
          creditLimit: Math.min(5_000_000, Math.max(500_000, Math.round((ordersPerYear * 250_000) / 100_000) * 100_000)),
          habit: fixed ? (['full', 'minimum', 'partial'] as const)[i - 1]! : random.weighted(paymentHabits, [0.45, 0.25, 0.2, 0.1]),
        }
      : null;
    customers.push({
      id: demoCustomerId(i),
      firstName,
      lastName,
      email,
      phone: `+569${random.int(10_000_000, 99_999_999)}`,
      locale: english ? 'en' : 'es',
      birthday,
      registeredAt: new Date(now.getTime() - registeredDaysAgo * day - random.int(0, day - 1)),
      ordersPerYear,
      lapsed,
      favorites: random.shuffle(categories).slice(0, 2),
      card,
    });
  }
  return customers;
}

/** A moment in opening hours (10:00 to 21:59 in Santiago, about UTC−3) on a random day between two instants. */
function shoppingTime(random: SeededRandom, from: number, to: number): Date {
  const dayStart = Math.floor((from + random.next() * (to - from)) / day) * day;
  const moment = dayStart + (13 + random.int(0, 11)) * 3_600_000 + random.int(0, 3_599_999);
  return new Date(Math.min(Math.max(moment, from), to));
}

/**
 * A year of orders (and a few lapsed shoppers' older ones), each customer's
 * drawn from a stream of their own in their own time order; ids follow the
 * orders' times across the store.
 *
 * Baskets follow what happens in a shopper's life, not chance alone: a new
 * thing, mostly from their favourite categories, brings what goes with it
 * (`complements`: the sleeping bag with the tent), in the same basket or in
 * the weeks after; a durable is bought once (nobody buys a second espresso
 * machine); supplies are bought again on their cycle by whoever took to them
 * (coffee every month or so once there is an espresso machine), and clothes
 * now and then as they wear out.
 */
function makeOrders(now: Date, customers: DemoCustomer[], products: DemoProduct[]): GeneratedOrder[] {
  const byCategory = new Map<string, DemoProduct[]>();
  const byItem = new Map<string, DemoProduct[]>();
  for (const product of products) {
    byCategory.set(product.category, [...(byCategory.get(product.category) ?? []), product]);
    byItem.set(product.item, [...(byItem.get(product.item) ?? []), product]);
  }
  const brands = [...new Set(products.map((p) => p.brand))];
  const yearAgo = now.getTime() - 365 * day;
  const drafts: Array<{ customer: DemoCustomer; placedAt: Date; order: Omit<GeneratedOrder['order'], 'id'>; lines: Array<Omit<GeneratedOrder['lines'][number], 'orderId'>> }> = [];
  for (const customer of customers) {
    if (customer.ordersPerYear === 0) continue;
    const random = demoStream(`orders ${customer.id}`);
    const preferredBrands = new Set([random.pick(brands), random.pick(brands)]);
    /** Items bought, and when last. */
    const owned = new Map<string, number>();
    /** What they will come back for, and when: supplies and clothes on their cycle (in the brand they took), complements soon after. */
    const upcoming = new Map<string, { at: number; product: DemoProduct | undefined }>();
    /** A product from `pool`, by popularity, three times likelier in a brand the customer likes. */
    const pickFrom = (pool: DemoProduct[]) => random.weighted(pool, pool.map((p) => p.popularity * (preferredBrands.has(p.brand) ? 3 : 1)));
    /** Whether they would buy one of `item` now: never a second durable; clothes and supplies once their time has come. */
    const wanted = (item: string, at: number) => {
      const last = owned.get(item);
      const rebuyDays = byItem.get(item)![0]!.rebuyDays;
      return last === undefined || (rebuyDays !== undefined && at - last >= rebuyDays * day * 0.8);
    };
    /** Something new: mostly from their favourite categories, anything they would buy now. */
    const newThing = (at: number) => {
      for (let tries = 0; tries < 8; tries++) {
        const product = pickFrom(random.chance(0.75) ? byCategory.get(random.pick(customer.favorites))! : products);
        if (wanted(product.item, at) && !upcoming.has(product.item)) return product;
      }
      return undefined;
    };
    const from = customer.lapsed ? Math.max(customer.registeredAt.getTime(), now.getTime() - 730 * day) : Math.max(customer.registeredAt.getTime(), yearAgo);
    const to = customer.lapsed ? yearAgo - 30 * day : now.getTime() - 3_600_000;
    if (to <= from) continue;
    const count = Math.max(1, Math.round((customer.ordersPerYear * (to - from)) / (365 * day)));
    const times = Array.from({ length: count }, () => shoppingTime(random, from, to)).sort((a, b) => a.getTime() - b.getTime());
    for (const placedAt of times) {
      const at = placedAt.getTime();
      const chosen = new Map<string, DemoProduct>();
      const take = (product: DemoProduct) => {
        if (chosen.size >= 4 || chosen.has(product.item)) return;
        chosen.set(product.item, product);
        owned.set(product.item, at);
        upcoming.delete(product.item);
        // Supplies come back on their cycle for most who took to them; clothes for some, when worn out.
        if (product.rebuyDays !== undefined && random.chance(product.supply ? 0.85 : 0.35)) {
          upcoming.set(product.item, { at: at + product.rebuyDays * day * (0.8 + 0.45 * random.next()), product });
        }
      };
      // What is due: the supply running out, the complement they meant to come back for.
      for (const [item, due] of [...upcoming].sort((a, b) => a[1].at - b[1].at)) {
        if (due.at <= at && wanted(item, at)) take(due.product && random.chance(0.85) ? due.product : pickFrom(byItem.get(item)!));
        else if (due.at <= at) upcoming.delete(item);
      }
      // Something new, and what goes with it: now, or in the weeks to come.
      if (chosen.size === 0 || random.chance(0.35)) {
        const first = newThing(at);
        if (first) {
          take(first);
          for (const item of complements[first.item] ?? []) {
            if (!wanted(item, at) || upcoming.has(item)) continue;
            if (random.chance(0.4)) take(pickFrom(byItem.get(item)!));
            else if (random.chance(0.5)) upcoming.set(item, { at: at + random.int(3, 30) * day, product: undefined });
          }
        }
      }
      if (chosen.size === 0) take(pickFrom(products.filter((p) => p.supply)));
      const lines = [...chosen.values()].map((product, lineIndex) => ({
        merchantId: demoMerchant.id,
        lineNo: lineIndex + 1,
        productId: product.id,
        quantity: random.chance(product.supply ? 0.7 : 0.9) ? 1 : 2,
        unitPrice: product.price,
      }));
      const total = lines.reduce((sum, line) => sum + line.quantity * line.unitPrice, 0);
      const storeCard = customer.card !== null && !customer.lapsed && random.chance(0.75);
      const installments = storeCard ? random.weighted([1, 3, 6, 12], [0.4, 0.3, 0.2, 0.1]) : 1;
      const withInterest = installments === 12 && random.chance(0.5);
      drafts.push({
        customer,
        placedAt,
        order: { merchantId: demoMerchant.id, customerId: customer.id, placedAt, total, currency: 'CLP', paidWithStoreCard: storeCard, installments, withInterest },
        lines,
      });
    }
  }
  drafts.sort((a, b) => a.placedAt.getTime() - b.placedAt.getTime() || a.customer.id.localeCompare(b.customer.id));
  return drafts.map((draft, index) => {
    const id = `ord-${String(index + 1).padStart(6, '0')}`;
    return { order: { ...draft.order, id }, lines: draft.lines.map((line) => ({ ...line, orderId: id })) };
  });
}

async function insertInChunks<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>, size = 1000) {
  for (let i = 0; i < rows.length; i += size) await insert(rows.slice(i, i + size));
}

/**
 * Loads the demo merchant, Almacenes Aurora: 320 customers with Spanish and
 * English names, 165 products, a year of orders (and a few lapsed shoppers'
 * older ones), the points ledger, rewards, agents and open chats. Generated
 * from a fixed seed relative to `now`, in one transaction. When the demo
 * merchant already exists only its allowed origins are brought up to date.
 */
export async function seedDemo(db: Kysely<Database>, options: { now: Date; origins: readonly string[] }): Promise<DemoSeedResult> {
  const origins = options.origins.map(normalizeOrigin);
  if (await allowOrigins(db, demoMerchant.id, origins)) {
    await ensureDemoStaff(db);
    return { created: false };
  }
  const { now } = options;
  const random = new SeededRandom(20261123);
  const products = demoCatalog(random);
  const customers = makeCustomers(random, now, [...new Set(products.map((p) => p.category))]);
  const orders = makeOrders(now, customers, products);
  // The store's card runs on the default rules for pesos: a cycle closing on the 20th, due ten days later, as Chilean retail cards run.
  const cardSettings = defaultCardSettings('CLP');
  const cardHistory = makeCardHistory(now, { id: demoMerchant.id, currency: 'CLP', timeZone: demoTimeZone }, cardSettings, customers, orders, new Map(products.map((p) => [p.id, p.name])));
  for (const { order } of orders) {
    if (cardHistory.declined.has(order.id)) Object.assign(order, { paidWithStoreCard: false, installments: 1, withInterest: false });
  }
  const refunded = new Map<string, number>();
  for (const refund of cardHistory.refunds) refunded.set(refund.orderId, (refunded.get(refund.orderId) ?? 0) + refund.amount);
  for (const { order } of orders) order.refunded = refunded.get(order.id) ?? 0;
  const conversations = demoConversations(demoStream('conversations'), now, customers, orders, demoAgents[0].id);
  // A thousand points are worth $1.250 to the store (a $5.000 voucher costs 4.000), and codes last 90 days.
  const loyalty = { ...defaultLoyaltySettings(), valuePerThousandPoints: 1_250, redemptionValidDays: 90 };
  const cyberDay = {
    id: 'cyberday',
    name: 'CyberDay',
    names: { es: 'CyberDay', en: 'CyberDay' },
    startsAt: new Date(now.getTime() - 150 * day),
    endsAt: new Date(now.getTime() - 143 * day),
    multiplier: 20_000,
  };
  const promotions = [
    { ...cyberDay, descriptions: { es: 'Puntos dobles en toda la tienda.', en: 'Double points storewide.' } },
    {
      id: 'aniversario',
      name: 'Aniversario Aurora',
      names: { es: 'Aniversario Aurora', en: 'Aurora anniversary' },
      descriptions: { es: 'Una vez y media los puntos, tres días.', en: 'One and a half times the points, for three days.' },
      startsAt: new Date(now.getTime() + 20 * day),
      endsAt: new Date(now.getTime() + 23 * day),
      multiplier: 15_000,
    },
  ];
  let pointsEntries = 0;

  await db.transaction().execute(async (trx: Transaction<Database>) => {
    await addMerchant(trx, {
      name: demoMerchant.name,
      origins,
      currency: 'CLP',
      timeZone: demoTimeZone,
      locale: 'es',
      keys: demoMerchant,
    });
    for (const member of demoStaff) await createStaffMember(trx, demoMerchant.id, member);
    const merchantId = demoMerchant.id;
    await trx
      .insertInto('products')
      .values(products.map(({ popularity: _, item, brand: __, rebuyDays: ___, supply: ____, ...product }) => ({ ...product, type: item, merchantId, active: true, updatedAt: now })))
      .execute();
    await insertInChunks(customers, (chunk) =>
      trx
        .insertInto('customers')
        .values(
          chunk.map((c) => ({
            merchantId,
            id: c.id,
            firstName: c.firstName,
            lastName: c.lastName,
            email: c.email,
            phone: c.phone,
            locale: c.locale,
            birthday: c.birthday,
            registeredAt: c.registeredAt,
            updatedAt: now,
          })),
        )
        .execute(),
    );
    await insertInChunks(orders, (chunk) => trx.insertInto('orders').values(chunk.map((o) => o.order)).execute());
    await insertInChunks(orders.flatMap((o) => o.lines), (chunk) => trx.insertInto('orderLines').values(chunk).execute());
    await trx.insertInto('cardSettings').values({ ...cardSettings, merchantId }).execute();
    await insertInChunks(cardHistory.accounts, (chunk) => trx.insertInto('cardAccounts').values(chunk.map((a) => ({ ...a, merchantId }))).execute());
    await insertInChunks(cardHistory.plans, (chunk) => trx.insertInto('cardPlans').values(chunk).execute());
    await insertInChunks(cardHistory.refunds, (chunk) => trx.insertInto('refunds').values(chunk).execute());
    await insertInChunks(cardHistory.movements, (chunk) => trx.insertInto('cardMovements').values(chunk).execute());
    await insertInChunks(cardHistory.statements, (chunk) => trx.insertInto('cardStatements').values(chunk).execute());
    await insertInChunks(cardHistory.lines, (chunk) => trx.insertInto('cardStatementLines').values(chunk).execute());
    const wishlists = makeWishlists(now, merchantId, customers, products);
    await insertInChunks(wishlists.items, (chunk) => trx.insertInto('wishlistItems').values(chunk).execute());
    await insertInChunks(wishlists.alerts, (chunk) => trx.insertInto('notifications').values(chunk).execute());
    await trx
      .insertInto('rewards')
      .values(
        demoRewards.map(({ name, description, ...reward }) => ({
          ...reward,
          names: JSON.stringify(name),
          descriptions: JSON.stringify(description),
          merchantId,
          imageUrl: null,
          active: true,
        })),
      )
      .execute();
    await trx
      .insertInto('promotions')
      .values(
        promotions.map(({ id, names, descriptions, startsAt, endsAt, multiplier }) => ({
          id,
          names: JSON.stringify(names),
          descriptions: JSON.stringify(descriptions),
          startsAt,
          endsAt,
          multiplier,
          merchantId,
        })),
      )
      .execute();
    await trx.insertInto('loyaltySettings').values({ ...loyalty, merchantId, tierMultipliers: JSON.stringify(loyalty.tierMultipliers) }).execute();
    const tracking = makeFulfilment(now, merchantId, orders.map(({ order }) => ({ id: order.id, customerId: order.customerId, placedAt: new Date(order.placedAt) })), demoShoppers[0].id);
    await insertInChunks(tracking.changes, (chunk) => trx.insertInto('fulfillmentChanges').values(chunk).execute());
    await insertInChunks(tracking.feedback, (chunk) => trx.insertInto('orderFeedback').values(chunk).execute());
    await trx.insertInto('questions').values(demoQuestions(now, merchantId)).execute();
    await trx.insertInto('conversations').values(conversations.map((c) => c.conversation)).execute();
    const messages: Insertable<Database['messages']>[] = conversations.flatMap((c) => c.messages);
    await trx.insertInto('messages').values(messages).execute();
    // Points earn by tier, so the ledger is written once the pyramid stands.
    await recomputeTiers(trx, merchantId, now);
    const tiers = new Map((await trx.selectFrom('customers').select(['id', 'tier']).where('merchantId', '=', merchantId).execute()).map((row) => [row.id, row.tier as Tier]));
    const points = makePointsHistory(now, { id: merchantId, timeZone: demoTimeZone }, loyalty, customers, tiers, orders, cardHistory.refunds, [cyberDay], demoRewards);
    await insertInChunks(points.entries, (chunk) => trx.insertInto('pointsEntries').values(chunk).execute());
    await insertInChunks(points.redemptions, (chunk) => trx.insertInto('redemptions').values(chunk).execute());
    for (const [customerId, dueAt] of points.dueAt) {
      await trx.updateTable('customers').set({ pointsDueAt: dueAt }).where('merchantId', '=', merchantId).where('id', '=', customerId).execute();
    }
    pointsEntries = points.entries.length;
    const author = (id: string) => demoStaff.find((member) => member.id === id)!;
    await trx
      .insertInto('customerNotes')
      .values(
        notesOnAna.map((note) => ({
          merchantId,
          customerId: demoShoppers[0].id,
          authorStaffId: note.by,
          authorName: author(note.by).name,
          authorRole: author(note.by).role,
          body: note.body,
          createdAt: new Date(now.getTime() - note.daysAgo * day),
        })),
      )
      .execute();
    await insertInChunks(makeConsents(now, merchantId, customers.map((customer) => customer.id)), (chunk) => trx.insertInto('consentChanges').values(chunk).execute());
    const admin = author('stf_demo_admin');
    const agent = author('agt_demo_sofia');
    await trx.insertInto('accessLog').values(makeAccessLog(now, merchantId, demoShoppers[0].id, { admin, agent })).execute();
  });
  if (origins[0]) await sendFirstMail(db, { merchantId: demoMerchant.id, shopperId: demoShoppers[0].id, origin: origins[0], now });
  return {
    created: true,
    counts: {
      customers: customers.length,
      products: products.length,
      orders: orders.length,
      pointsEntries,
      conversations: conversations.length,
      statements: cardHistory.statements.length,
    },
  };
}

/** Adds the demo staff a data folder seeded by an earlier version lacks (its owner and admin), so every sign-in printed at start works. */
async function ensureDemoStaff(db: Kysely<Database>): Promise<void> {
  for (const member of demoStaff) {
    if (await findStaffMember(db, demoMerchant.id, member.id)) continue;
    try {
      await createStaffMember(db, demoMerchant.id, member);
    } catch {
      // Someone took the email meanwhile (a member added by hand): theirs stands.
    }
  }
}
