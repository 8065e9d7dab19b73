import type { StoreLocale } from '../store-text.ts';

/** The React account page's own words; the widgets bring theirs, the store's header and footer come from store-text.ts. */
export const accountText = {
  es: {
    title: 'Mi cuenta',
    intro: 'Esta página está hecha en React con @clientela/widgets/react: los mismos elementos, con props y eventos tipados.',
    backToStore: 'Volver a la tienda',
    lastEvent: 'Último evento',
    noEvent: 'Ninguno todavía: agrega una recomendación al carro o canjea tus puntos.',
    cartAdded: (product: string, quantity: number, price: string) => `Agregaste ${quantity} × ${product} (${price}) al carro.`,
    redeemed: (reward: string, code: string) => `Canjeaste ${reward}. Tu código es ${code}.`,
  },
  en: {
    title: 'My account',
    intro: 'This page is made with React and @clientela/widgets/react: the same elements, with typed props and events.',
    backToStore: 'Back to the store',
    lastEvent: 'Last event',
    noEvent: 'None yet: add a recommendation to your cart or redeem your points.',
    cartAdded: (product: string, quantity: number, price: string) => `You added ${quantity} × ${product} (${price}) to your cart.`,
    redeemed: (reward: string, code: string) => `You redeemed ${reward}. Your code is ${code}.`,
  },
} satisfies Record<StoreLocale, unknown>;
