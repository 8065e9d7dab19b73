// Purchases and refunds, as the merchant's backend records them: they earn points and charge or credit the store card.
export { createOrder, createRefund, customerOrders } from './orders.service.ts';
