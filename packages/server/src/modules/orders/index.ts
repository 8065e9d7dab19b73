// Purchases and refunds, as the merchant's backend records them: they earn points and charge or credit the store card.
// And the shopper's side: their orders, where each is (the merchant's fulfilment reports), and what a chat about one shows.
export { createOrder, createRefund, customerOrders } from './orders.service.ts';
export { myOrderSummary } from './my-orders.service.ts';
export { itemNamesOfOrder } from './orders.repository.ts';
