import type { Locale } from '@clientela/contract';

/** A chat message as a reply mail quotes it. */
export interface QuotedMessage {
  author: string;
  body: string;
}

/** How each mail reads in one language; amounts and dates come formatted. */
export interface MailWords {
  languageTag: string;
  greeting: (firstName: string) => string;
  footer: {
    why: (store: string) => string;
    transactional: string;
    unsubscribe: string;
    preferences: string;
    visitStore: string;
  };
  birthday: { subject: (store: string) => string; heading: string; body: (points: string) => string; action: string };
  priceDrop: { subject: (product: string) => string; heading: string; body: (product: string) => string; was: string; now: string; action: string };
  backInStock: { subject: (product: string) => string; heading: string; body: (product: string) => string; price: string; action: string };
  pointsExpiring: { subject: (points: string) => string; heading: string; body: (points: string, day: string) => string; action: string };
  statement: {
    subject: (month: string) => string;
    heading: string;
    body: (month: string) => string;
    amountDue: string;
    minimum: string;
    dueDate: string;
    action: string;
  };
  chatReply: { subject: (store: string) => string; heading: string; body: (count: number) => string; action: string };
  redemption: { subject: (reward: string) => string; heading: string; body: (reward: string) => string; code: string; validUntil: string; action: string };
}

export const mailWords: Record<Locale, MailWords> = {
  es: {
    languageTag: 'es-CL',
    greeting: (firstName) => `Hola, ${firstName}:`,
    footer: {
      why: (store) => `Recibes este correo porque eres cliente de ${store}.`,
      transactional: 'Este es un aviso sobre tu cuenta: te lo enviamos aunque no recibas correos de promociones.',
      unsubscribe: 'No quiero recibir más correos de promociones',
      preferences: 'Elegir qué correos recibo',
      visitStore: 'Ir a la tienda',
    },
    birthday: {
      subject: (store) => `¡Feliz cumpleaños de parte de ${store}!`,
      heading: '¡Feliz cumpleaños!',
      body: (points) => `Para celebrarlo te regalamos ${points} en tu cuenta. Úsalos en tu próxima compra o cámbialos por una recompensa.`,
      action: 'Ver mis puntos',
    },
    priceDrop: {
      subject: (product) => `Bajó de precio: ${product}`,
      heading: 'Un producto de tu lista bajó de precio',
      body: (product) => `${product}, que guardaste en tu lista de deseos, ahora cuesta menos.`,
      was: 'Antes',
      now: 'Ahora',
      action: 'Ver el producto',
    },
    backInStock: {
      subject: (product) => `De nuevo disponible: ${product}`,
      heading: 'Volvió un producto de tu lista',
      body: (product) => `${product}, que guardaste en tu lista de deseos, está disponible otra vez.`,
      price: 'Precio',
      action: 'Ver el producto',
    },
    pointsExpiring: {
      subject: (points) => `Tus ${points} están por vencer`,
      heading: 'Tienes puntos por vencer',
      body: (points, day) => `${points} de tu cuenta vencen el ${day}. Úsalos antes en una compra o cámbialos por una recompensa.`,
      action: 'Ver mis puntos',
    },
    statement: {
      subject: (month) => `Tu estado de cuenta de ${month}`,
      heading: 'Tu estado de cuenta está listo',
      body: (month) => `Cerramos el estado de cuenta de tu tarjeta de ${month}.`,
      amountDue: 'Monto facturado',
      minimum: 'Pago mínimo',
      dueDate: 'Pagar hasta',
      action: 'Ver mi estado de cuenta',
    },
    chatReply: {
      subject: (store) => `${store} respondió tu consulta`,
      heading: 'Tienes una respuesta',
      body: (count) => (count === 1 ? 'Nuestro equipo respondió tu consulta:' : `Nuestro equipo te dejó ${count} mensajes:`),
      action: 'Responder en el chat',
    },
    redemption: {
      subject: (reward) => `Tu código para ${reward}`,
      heading: 'Tu código de canje',
      body: (reward) => `Canjeaste tus puntos por ${reward}. Muestra este código en la tienda o úsalo al pagar.`,
      code: 'Código',
      validUntil: 'Válido hasta',
      action: 'Ver mis puntos',
    },
  },
  en: {
    languageTag: 'en-US',
    greeting: (firstName) => `Hi ${firstName},`,
    footer: {
      why: (store) => `You are getting this email because you are a customer of ${store}.`,
      transactional: 'This is a notice about your account: we send it even if you get no promotional email.',
      unsubscribe: 'Stop promotional email',
      preferences: 'Choose which emails I get',
      visitStore: 'Visit the store',
    },
    birthday: {
      subject: (store) => `Happy birthday from ${store}!`,
      heading: 'Happy birthday!',
      body: (points) => `To celebrate, we added ${points} to your account. Use them on your next purchase or trade them for a reward.`,
      action: 'See my points',
    },
    priceDrop: {
      subject: (product) => `Price drop: ${product}`,
      heading: 'An item on your wishlist costs less',
      body: (product) => `${product}, which you saved to your wishlist, now costs less.`,
      was: 'Was',
      now: 'Now',
      action: 'See the product',
    },
    backInStock: {
      subject: (product) => `Back in stock: ${product}`,
      heading: 'An item on your wishlist is back',
      body: (product) => `${product}, which you saved to your wishlist, is in stock again.`,
      price: 'Price',
      action: 'See the product',
    },
    pointsExpiring: {
      subject: (points) => `Your ${points} expire soon`,
      heading: 'Some of your points expire soon',
      body: (points, day) => `${points} in your account expire on ${day}. Use them on a purchase or trade them for a reward before then.`,
      action: 'See my points',
    },
    statement: {
      subject: (month) => `Your ${month} statement`,
      heading: 'Your statement is ready',
      body: (month) => `We closed your card statement for ${month}.`,
      amountDue: 'Amount due',
      minimum: 'Minimum payment',
      dueDate: 'Due date',
      action: 'See my statement',
    },
    chatReply: {
      subject: (store) => `${store} answered your question`,
      heading: 'You have an answer',
      body: (count) => (count === 1 ? 'Our team answered your question:' : `Our team left you ${count} messages:`),
      action: 'Reply in the chat',
    },
    redemption: {
      subject: (reward) => `Your code for ${reward}`,
      heading: 'Your redemption code',
      body: (reward) => `You traded your points for ${reward}. Show this code in the store or use it at checkout.`,
      code: 'Code',
      validUntil: 'Valid until',
      action: 'See my points',
    },
  },
};
