import type { MyOrder, MyOrderSummary, NextQuestion } from '@clientela/contract';

// Ana's orders and the questions she is asked, as the API answers them, for the stories.

const clp = (amount: number) => ({ amount, currency: 'CLP' });
const step = (status: MyOrder['fulfillment']['status'], at: string, tracked = true) => ({
  status,
  carrier: tracked ? 'Chilexpress' : null,
  trackingNumber: tracked ? 'CH48213377' : null,
  trackingUrl: tracked ? 'https://www.chilexpress.cl/seguimiento/CH48213377' : null,
  at,
});

export const shippedOrder: MyOrder = {
  id: 'ord-10482',
  placedAt: '2026-12-09T14:20:00Z',
  total: clp(89_970),
  refunded: clp(0),
  payment: { method: 'store-card', installments: 3, withInterest: false },
  lines: [
    { productId: 'p-zapatilla', name: 'Zapatillas trail Andes', imageUrl: null, quantity: 1, unitPrice: clp(59_990), available: true, priceNow: clp(54_990) },
    { productId: 'p-calcetin', name: 'Calcetines técnicos (3 pares)', imageUrl: null, quantity: 2, unitPrice: clp(9_990), available: true, priceNow: clp(9_990) },
    { productId: 'p-botella', name: 'Botella térmica 750 ml', imageUrl: null, quantity: 1, unitPrice: clp(10_000), available: false, priceNow: clp(10_000) },
  ],
  pointsEarned: 1_350,
  refunds: [],
  fulfillment: { ...step('shipped', '2026-12-10T18:05:00Z'), history: [step('preparing', '2026-12-09T16:00:00Z', false), step('shipped', '2026-12-10T18:05:00Z')] },
};

const summary = (id: string, placedAt: string, total: number, items: string[], status: MyOrder['fulfillment']['status']): MyOrderSummary => ({
  id,
  placedAt,
  total: clp(total),
  refunded: clp(0),
  payment: { method: 'other' },
  items,
  fulfillment: step(status, placedAt, status !== 'pending'),
});

export const orderPage = {
  items: [
    summary('ord-10511', '2026-12-11T10:00:00Z', 24_990, ['Cafetera italiana 6 tazas'], 'pending'),
    { ...summary('ord-10482', shippedOrder.placedAt, 89_970, shippedOrder.lines.map((line) => line.name), 'shipped'), payment: shippedOrder.payment },
    summary('ord-10377', '2026-11-28T12:30:00Z', 129_990, ['Freidora de aire 5 L', 'Set de utensilios'], 'delivered'),
  ],
  nextCursor: 'WyIxNzY0MzMzMDAwMDAwMDAwIiwib3JkLTEwMzc3Il0',
};

export const preferenceQuestion: NextQuestion = {
  next: {
    type: 'question',
    question: {
      id: 'sin-interes',
      kind: 'multiple-choice',
      purpose: 'preferences',
      prompt: '¿Qué no te interesa?',
      choices: [
        { id: 'deportes', label: 'Deportes' },
        { id: 'belleza', label: 'Belleza' },
        { id: 'moda', label: 'Moda' },
      ],
      maxLength: null,
      rewardPoints: 100,
    },
  },
};

export const deliveryFeedback: NextQuestion = {
  next: { type: 'feedback', order: { id: 'ord-10377', placedAt: '2026-11-28T12:30:00Z', items: ['Freidora de aire 5 L', 'Set de utensilios'] } },
};
