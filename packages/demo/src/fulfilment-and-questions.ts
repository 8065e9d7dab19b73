import type { Database } from '@clientela/server/db/schema';
import type { Insertable } from 'kysely';
import { demoStream } from './random.ts';

const day = 86_400_000;
const hour = 3_600_000;

interface PlacedOrder {
  id: string;
  customerId: string;
  placedAt: Date;
}

const carriers = [
  { name: 'Chilexpress', url: (number: string) => `https://www.chilexpress.cl/seguimiento/${number}` },
  { name: 'Starken', url: (number: string) => `https://www.starken.cl/seguimiento/${number}` },
];

/**
 * Where each order of the last weeks is, all relative to the seed's `now`:
 * an order placed in the last two days is still being prepared (the latest
 * one just received), one of two to five days ago is on its way, older ones
 * were delivered a few days after they were placed, each step with the
 * carrier and tracking number of its parcel. Some of the delivered orders
 * were rated ("¿Cómo fue tu compra?"), so the NPS report has figures; the
 * first demo shopper's latest delivery is left unrated, for the
 * questionnaire to ask about.
 */
export function makeFulfilment(now: Date, merchantId: string, orders: readonly PlacedOrder[], featuredShopper: string) {
  const changes: Insertable<Database['fulfillmentChanges']>[] = [];
  const feedback: Insertable<Database['orderFeedback']>[] = [];
  const recent = orders.filter((order) => now.getTime() - order.placedAt.getTime() < 60 * day).sort((a, b) => b.placedAt.getTime() - a.placedAt.getTime());
  // The featured shopper's latest order was just received, the one before is on its way, older ones were delivered: whatever day the seed runs.
  const featured = recent.filter((order) => order.customerId === featuredShopper);
  let featuredDeliveries = 0;
  for (const order of recent) {
    const random = demoStream(`fulfilment ${order.id}`);
    const age = now.getTime() - order.placedAt.getTime();
    const rank = featured.indexOf(order);
    if (rank === 0) continue; // received: pending, nothing reported yet
    const carrier = random.pick(carriers);
    const number = `${carrier.name.slice(0, 2).toUpperCase()}${random.int(10_000_000, 99_999_999)}`;
    const step = (status: string, at: Date, tracked: boolean) =>
      changes.push({ merchantId, orderId: order.id, status, at, recordedAt: at, carrier: tracked ? carrier.name : null, trackingNumber: tracked ? number : null, trackingUrl: tracked ? carrier.url(number) : null });
    // Within the order's age, so every step has happened by `now`.
    const shippedAt = new Date(order.placedAt.getTime() + Math.min(random.int(12, 36) * hour, age * 0.6));
    step('preparing', new Date(order.placedAt.getTime() + Math.min(2 * hour, age * 0.3)), false);
    if (rank !== 1 && (age < 2 * day || shippedAt.getTime() >= now.getTime())) continue;
    step('shipped', shippedAt, true);
    if (rank === 1) continue;
    const deliveredAt = new Date(shippedAt.getTime() + random.int(1, 3) * day);
    if (age < 5 * day || deliveredAt.getTime() >= now.getTime()) continue;
    step('delivered', deliveredAt, true);
    const isFeatured = order.customerId === featuredShopper;
    if (isFeatured) featuredDeliveries += 1;
    // The featured shopper's latest delivery waits for their answer; a third of the others' were rated.
    const rated = isFeatured ? featuredDeliveries > 1 : random.chance(0.35);
    if (!rated) continue;
    const score = random.weighted([0, 3, 5, 6, 7, 8, 9, 10], [1, 1, 2, 3, 5, 8, 12, 10]);
    const comment = score >= 9 ? random.pick(['Llegó antes de lo esperado.', 'Muy buena atención.', '']) : score <= 6 ? random.pick(['El despacho se atrasó.', 'El producto llegó con la caja dañada.']) : '';
    feedback.push({ merchantId, orderId: order.id, customerId: order.customerId, score, comment, answeredAt: new Date(Math.min(now.getTime(), deliveredAt.getTime() + day)) });
  }
  return { changes, feedback };
}

/** A few drip questions: tastes that steer recommendations, a profile question, and one on the service. */
export function demoQuestions(now: Date, merchantId: string): Insertable<Database['questions']>[] {
  const text = (es: string, en: string) => ({ es, en });
  const choice = (id: string, es: string, en: string, excludes: string[] = []) => ({ id, label: text(es, en), excludesCategories: excludes });
  const question = (id: string, kind: string, purpose: string, prompt: { es: string; en: string }, position: number, extra: { choices?: object[]; maxLength?: number; rewardPoints?: number } = {}) => ({
    merchantId,
    id,
    kind,
    purpose,
    prompt: JSON.stringify(prompt),
    choices: JSON.stringify(extra.choices ?? []),
    maxLength: extra.maxLength ?? null,
    rewardPoints: extra.rewardPoints ?? 0,
    active: true,
    position,
    createdAt: now,
    updatedAt: now,
  });
  return [
    question('sin-interes', 'multiple-choice', 'preferences', text('¿Qué no te interesa?', 'What are you not interested in?'), 1, {
      rewardPoints: 100,
      choices: [
        choice('deportes', 'Deportes', 'Sports', ['Deportes']),
        choice('belleza', 'Belleza', 'Beauty', ['Belleza']),
        choice('moda', 'Moda', 'Fashion', ['Moda']),
        choice('tecnologia', 'Tecnología', 'Technology', ['Tecnología']),
      ],
    }),
    question('canal', 'single-choice', 'profile', text('¿Cómo prefieres comprar?', 'How do you prefer to shop?'), 2, {
      choices: [choice('web', 'En la web', 'Online'), choice('tienda', 'En la tienda', 'In store'), choice('ambos', 'Ambas', 'Both')],
    }),
    question('atencion', 'scale', 'satisfaction', text('¿Cómo te atendimos en tu última visita?', 'How were you served on your last visit?'), 3),
    question('sugerencia', 'text', 'profile', text('¿Qué producto te gustaría encontrar en Aurora?', 'What product would you like to find at Aurora?'), 4, { maxLength: 280 }),
  ];
}
