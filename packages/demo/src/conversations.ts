import type { Database } from '@clientela/server/db/schema';
import type { Insertable } from 'kysely';
import type { SeededRandom } from './random.ts';

type Line = [author: 'shopper' | 'agent', body: string];

interface Script {
  status: 'open' | 'pending' | 'resolved';
  assigned: boolean;
  subject: { es: string; en: string };
  lines: { es: Line[]; en: Line[] };
}

const scripts: Script[] = [
  {
    status: 'open',
    assigned: false,
    subject: { es: '¿Dónde está mi pedido?', en: 'Where is my order?' },
    lines: {
      es: [['shopper', 'Hola, compré hace tres días ({order}) y el seguimiento no avanza. ¿Me pueden ayudar?']],
      en: [['shopper', 'Hi, I ordered three days ago ({order}) and the tracking has not moved. Can you help?']],
    },
  },
  {
    status: 'open',
    assigned: false,
    subject: { es: 'Cargo en mi estado de cuenta', en: 'A charge on my statement' },
    lines: {
      es: [['shopper', 'Buenas tardes, veo un cargo de este mes que no reconozco en el estado de cuenta de mi tarjeta.']],
      en: [['shopper', "Good afternoon, there is a charge on this month's card statement I don't recognise."]],
    },
  },
  {
    status: 'open',
    assigned: true,
    subject: { es: 'Cambio de talla', en: 'Exchanging a size' },
    lines: {
      es: [
        ['shopper', 'Hola, las zapatillas me quedaron chicas. ¿Puedo cambiarlas por un número más?'],
        ['agent', '¡Hola! Claro que sí. Tienes 30 días para el cambio; ¿prefieres hacerlo en tienda o con retiro a domicilio?'],
        ['shopper', 'Con retiro a domicilio, por favor.'],
      ],
      en: [
        ['shopper', 'Hi, the trainers are too small. Can I swap them for one size up?'],
        ['agent', 'Hi! Of course. You have 30 days to exchange them; would you rather do it in store or have us collect them?'],
        ['shopper', 'Collection, please.'],
      ],
    },
  },
  {
    status: 'pending',
    assigned: true,
    subject: { es: 'Canje de puntos', en: 'Redeeming points' },
    lines: {
      es: [
        ['shopper', '¿Los puntos del CyberDay ya están disponibles para canjear?'],
        ['agent', 'Sí, ya están en tu saldo. ¿Te ayudo a elegir una recompensa?'],
      ],
      en: [
        ['shopper', 'Are the CyberDay points available to redeem yet?'],
        ['agent', 'Yes, they are in your balance now. Shall I help you pick a reward?'],
      ],
    },
  },
  {
    status: 'resolved',
    assigned: true,
    subject: { es: 'Cuotas sin interés', en: 'Interest-free instalments' },
    lines: {
      es: [
        ['shopper', '¿La freidora de aire se puede pagar en 6 cuotas sin interés?'],
        ['agent', 'Sí, con la tarjeta Aurora tienes hasta 6 cuotas sin interés en Electrohogar este mes.'],
        ['shopper', '¡Perfecto, gracias!'],
      ],
      en: [
        ['shopper', 'Can I pay for the air fryer in 6 interest-free instalments?'],
        ['agent', 'Yes, with the Aurora card you get up to 6 interest-free instalments on home appliances this month.'],
        ['shopper', 'Perfect, thanks!'],
      ],
    },
  },
  {
    status: 'open',
    assigned: false,
    subject: { es: 'Producto llegó dañado', en: 'Item arrived damaged' },
    lines: {
      es: [['shopper', 'El parlante llegó con la caja rota y no enciende. Adjunto el número de pedido {order}.']],
      en: [['shopper', "The speaker arrived with a broken box and won't turn on. My order number is {order}."]],
    },
  },
];

export interface DemoConversation {
  conversation: Insertable<Database['conversations']>;
  messages: Insertable<Database['messages']>[];
}

/** A handful of chats: open ones waiting for an agent, one being handled, one waiting on the shopper, one resolved. */
export function demoConversations(
  random: SeededRandom,
  now: Date,
  customers: ReadonlyArray<{ id: string; locale: 'es' | 'en'; ordersPerYear: number; lapsed: boolean }>,
  orders: ReadonlyArray<{ order: Insertable<Database['orders']> }>,
  agentId: string,
): DemoConversation[] {
  const lastOrder = new Map<string, string>();
  for (const { order } of orders) lastOrder.set(order.customerId, order.id);
  const buyers = customers.filter((c) => c.ordersPerYear > 0 && !c.lapsed && lastOrder.has(c.id));
  // The first two demo shoppers each have a chat; the rest go to other active buyers.
  const people = [buyers[0]!, buyers[1]!, ...buyers.slice(4).sort(() => random.next() - 0.5)].slice(0, scripts.length);
  return scripts.map((script, index) => {
    const customer = people[index]!;
    const id = `conv-${String(index + 1).padStart(4, '0')}`;
    const lines = script.lines[customer.locale];
    const startedAt = now.getTime() - random.int(20, 600) * 60_000 - (script.status === 'resolved' ? 3 * 86_400_000 : 0);
    const messages = lines.map(([author, body], i) => ({
      merchantId: 'mer_demo',
      conversationId: id,
      seq: i + 1,
      id: `msg_${id}_${i + 1}`,
      clientId: `seed-${id}-${i + 1}`,
      author,
      authorId: author === 'agent' ? agentId : customer.id,
      body: body.replace('{order}', lastOrder.get(customer.id) ?? ''),
      createdAt: new Date(startedAt + i * random.int(2, 9) * 60_000),
    }));
    return {
      conversation: {
        merchantId: 'mer_demo',
        id,
        customerId: customer.id,
        subject: script.subject[customer.locale],
        status: script.status,
        assignedAgentId: script.assigned ? agentId : null,
        lastSeq: messages.length,
        createdAt: messages[0]!.createdAt,
        updatedAt: messages.at(-1)!.createdAt,
      },
      messages,
    };
  });
}
