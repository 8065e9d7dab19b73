import type { AgentConversation, Consents, CustomerExport, ChatMessage, Conversation, CustomerPanel, Locale, Me, Notifications, PointsAccount, PointsEntry, Product, Recommendations, Reward, Statement, StatementLine, StatementList, Wishlist } from '@clientela/contract';

/** A shopper as GET /v1/me describes them, for stories. */
export const ana: Me = {
  id: 'cli-0001',
  firstName: 'Ana',
  lastName: 'Torres',
  locale: 'es',
  birthday: '1969-09-20',
  birthdayToday: false,
  memberSince: '2024-02-27T10:07:06.893Z',
  tier: 'top',
  points: { balance: 19_448 },
  merchant: { id: 'mer_demo', name: 'Almacenes Aurora', currency: 'CLP', timeZone: 'America/Santiago' },
};

const line = (
  kind: StatementLine['kind'],
  date: string,
  amount: number,
  extra: Partial<StatementLine> = {},
): StatementLine => ({ kind, date, amount, description: '', moreItems: 0, installment: null, orderId: null, purchaseTotal: null, ...extra });

const products = ['Freidora de aire 5 L Aurora', 'Audífonos inalámbricos Nexo', 'Juego de sábanas 400 hilos Kuma', 'Zapatillas de running Andes', 'Cafetera espresso Pampa'];

/** The merchant's rates as a statement states them: 2.5 % a month revolving, 1.99 % for installments "con interés". */
const rates: Statement['rates'] = {
  revolving: { monthlyBps: 250, annualBps: 3_000, caeBps: 3_000 },
  installments: { monthlyBps: 199, annualBps: 2_388, caeBps: 2_388 },
};

/** The two purchases in interest-free installments Ana is paying off, from the November statement on. */
const headphones = { orderId: 'ord-001204', description: products[1]!, purchaseTotal: 181_980, installment: 30_330, count: 6 };
const sheets = { orderId: 'ord-001388', description: products[2]!, purchaseTotal: 408_000, installment: 34_000, count: 12 };

const installmentLine = (plan: typeof headphones, number: number, date: string) =>
  line('installment', date, plan.installment, {
    description: plan.description,
    moreItems: plan === sheets ? 1 : 0,
    installment: { number, count: plan.count },
    orderId: plan.orderId,
    purchaseTotal: plan.purchaseTotal,
  });

/** What settling a plan early costs when `billed` of its installments are on statements already: interest-free, so no commission. */
const prepaymentPlan = (plan: typeof headphones, billed: number) => {
  const left = plan.count - billed;
  return { orderId: plan.orderId, description: plan.description, purchaseTotal: plan.purchaseTotal, installmentsLeft: left, scheduled: left * plan.installment, capital: left * plan.installment, commission: 0 };
};

/**
 * Ana's store-card cycle in progress: installments of earlier purchases, a
 * purchase, and the payment of November's statement in full. From December
 * 2026 a quarter of the interest-free installments counts in the minimum.
 */
export const openStatement: Statement = {
  period: '2026-12',
  status: 'open',
  periodStart: '2026-11-21',
  closingDate: '2026-12-20',
  dueDate: '2026-12-30',
  settlement: null,
  currency: 'CLP',
  previousBalance: 412_350,
  purchases: 85_990,
  installments: 64_330,
  payments: 412_350,
  credits: 0,
  fees: 0,
  interest: 0,
  closingBalance: 150_320,
  minimumPayment: 22_795,
  creditLimit: 5_000_000,
  pendingInstallments: 336_330,
  availableCredit: 4_513_350,
  minimum: { nonFinanceable: 16_083, financeable: 134_237, financeableShareBps: 500, interestFreeInstallmentsShareBps: 2_500, pastDue: 0 },
  rates,
  upcomingInstallments: [
    { period: '2027-01', dueDate: '2027-01-30', amount: 64_330 },
    { period: '2027-02', dueDate: '2027-03-02', amount: 34_000 },
    { period: '2027-03', dueDate: '2027-03-30', amount: 34_000 },
    { period: '2027-04', dueDate: '2027-04-30', amount: 34_000 },
  ],
  prepayment: { total: 486_650, plans: [prepaymentPlan(headphones, 5), prepaymentPlan(sheets, 3)] },
  payoff: { minimumOnly: { months: 184, totalInterest: 63_720 }, payInFullSaves: 63_720 },
  transactionCount: 4,
  transactions: {
    items: [
      installmentLine(headphones, 5, '2026-08-14T18:20:00Z'),
      installmentLine(sheets, 3, '2026-10-02T15:05:00Z'),
      line('payment', '2026-11-28T13:00:00Z', -412_350),
      line('purchase', '2026-12-03T20:41:00Z', 85_990, { description: products[0]!, orderId: 'ord-001655' }),
    ],
    nextCursor: null,
  },
};

/** Ana's November statement, the latest closed one, before she paid any of it: purchases in one payment and interest-free installments, so no interest yet. */
export const dueStatement: Statement = {
  ...openStatement,
  period: '2026-11',
  status: 'closed',
  periodStart: '2026-10-21',
  closingDate: '2026-11-20',
  dueDate: '2026-11-30',
  settlement: { paid: 0, remaining: 412_350, minimumRemaining: 20_618, overdue: false },
  previousBalance: 298_000,
  purchases: 348_020,
  installments: 64_330,
  payments: 298_000,
  closingBalance: 412_350,
  minimumPayment: 20_618,
  pendingInstallments: 400_660,
  availableCredit: 4_186_990,
  minimum: { nonFinanceable: 0, financeable: 412_350, financeableShareBps: 500, interestFreeInstallmentsShareBps: 0, pastDue: 0 },
  upcomingInstallments: [
    { period: '2026-12', dueDate: '2026-12-30', amount: 64_330 },
    { period: '2027-01', dueDate: '2027-01-30', amount: 64_330 },
    { period: '2027-02', dueDate: '2027-03-02', amount: 34_000 },
    { period: '2027-03', dueDate: '2027-03-30', amount: 34_000 },
  ],
  prepayment: { total: 813_010, plans: [prepaymentPlan(headphones, 4), prepaymentPlan(sheets, 2)] },
  payoff: { minimumOnly: { months: 205, totalInterest: 195_822 }, payInFullSaves: 195_822 },
  transactionCount: 5,
  transactions: {
    items: [
      installmentLine(headphones, 4, '2026-08-14T18:20:00Z'),
      installmentLine(sheets, 2, '2026-10-02T15:05:00Z'),
      line('payment', '2026-10-28T12:30:00Z', -298_000),
      line('purchase', '2026-10-29T16:10:00Z', 59_980, { description: products[3]!, orderId: 'ord-001512' }),
      line('purchase', '2026-11-13T15:00:00Z', 288_040, { description: products[4]!, moreItems: 1, orderId: 'ord-001601' }),
    ],
    nextCursor: null,
  },
};

/** The same statement once paid in full: what the cycle in progress shows it received. */
export const paidStatement: Statement = { ...dueStatement, settlement: { paid: 412_350, remaining: 0, minimumRemaining: 0, overdue: false } };

/** A cardholder carrying a balance month to month: interest on what revolved, the minimum paid, most of the balance still due. */
export const revolvingStatement: Statement = {
  ...dueStatement,
  settlement: { paid: 38_567, remaining: 498_113, minimumRemaining: 0, overdue: false },
  previousBalance: 520_000,
  purchases: 0,
  installments: 30_330,
  payments: 26_000,
  interest: 12_350,
  closingBalance: 536_680,
  minimumPayment: 38_567,
  pendingInstallments: 60_660,
  availableCredit: 4_402_660,
  minimum: { nonFinanceable: 12_350, financeable: 524_330, financeableShareBps: 500, interestFreeInstallmentsShareBps: 0, pastDue: 0 },
  upcomingInstallments: [
    { period: '2026-12', dueDate: '2026-12-30', amount: 30_330 },
    { period: '2027-01', dueDate: '2027-01-30', amount: 30_330 },
    { period: '2027-02', dueDate: '2027-03-02', amount: 0 },
    { period: '2027-03', dueDate: '2027-03-30', amount: 0 },
  ],
  prepayment: { total: 597_340, plans: [prepaymentPlan(headphones, 4)] },
  payoff: { minimumOnly: { months: 210, totalInterest: 248_997 }, payInFullSaves: 248_997 },
  transactionCount: 3,
  transactions: {
    items: [
      installmentLine(headphones, 4, '2026-08-14T18:20:00Z'),
      line('payment', '2026-10-29T12:00:00Z', -26_000),
      line('interest', '2026-11-21T02:59:59Z', 12_350),
    ],
    nextCursor: null,
  },
};

/** A closed cycle of a shopper who paid October's minimum late and short: a fee, interest, the unpaid minimum carried as past due. */
export const lateStatement: Statement = {
  ...dueStatement,
  settlement: { paid: 0, remaining: 466_325, minimumRemaining: 44_706, overdue: true },
  previousBalance: 380_000,
  purchases: 59_980,
  installments: 30_330,
  payments: 19_000,
  fees: 5_990,
  interest: 9_025,
  closingBalance: 466_325,
  minimumPayment: 44_706,
  creditLimit: 4_000_000,
  pendingInstallments: 60_660,
  availableCredit: 3_473_015,
  minimum: { nonFinanceable: 22_515, financeable: 443_810, financeableShareBps: 500, interestFreeInstallmentsShareBps: 0, pastDue: 7_500 },
  upcomingInstallments: [
    { period: '2026-12', dueDate: '2026-12-30', amount: 30_330 },
    { period: '2027-01', dueDate: '2027-01-30', amount: 30_330 },
    { period: '2027-02', dueDate: '2027-03-02', amount: 0 },
    { period: '2027-03', dueDate: '2027-03-30', amount: 0 },
  ],
  prepayment: { total: 526_985, plans: [prepaymentPlan(headphones, 4)] },
  payoff: { minimumOnly: { months: 207, totalInterest: 210_757 }, payInFullSaves: 210_757 },
  transactionCount: 5,
  transactions: {
    items: [
      installmentLine(headphones, 4, '2026-08-14T18:20:00Z'),
      line('purchase', '2026-10-29T16:10:00Z', 59_980, { description: products[3]!, orderId: 'ord-001512' }),
      line('payment', '2026-11-03T12:00:00Z', -19_000),
      line('fee', '2026-11-21T02:59:59Z', 5_990),
      line('interest', '2026-11-21T02:59:59Z', 9_025),
    ],
    nextCursor: null,
  },
};

/** A statement closed before the minimum's breakdown, the rates, the coming installments and the prepayment cost were kept. */
export const legacyStatement: Statement = {
  ...dueStatement,
  period: '2025-10',
  periodStart: '2025-09-21',
  closingDate: '2025-10-20',
  dueDate: '2025-10-30',
  settlement: null,
  previousBalance: 0,
  purchases: 59_980,
  installments: 0,
  payments: 0,
  closingBalance: 59_980,
  minimumPayment: 2_999,
  creditLimit: 3_000_000,
  pendingInstallments: 0,
  availableCredit: 2_940_020,
  minimum: null,
  rates: null,
  upcomingInstallments: null,
  prepayment: null,
  payoff: { minimumOnly: { months: 86, totalInterest: 18_112 }, payInFullSaves: 18_112 },
  transactionCount: 1,
  transactions: { items: [line('purchase', '2025-10-04T17:45:00Z', 59_980, { description: products[3]!, orderId: 'ord-000412' })], nextCursor: null },
};

/** A busy card: hundreds of purchases and payments in one cycle, paged 50 at a time. */
export function longStatement(count: number): { first: Statement } {
  const items = Array.from({ length: 50 }, (_, i) =>
    i % 4 === 3
      ? line('payment', new Date(Date.UTC(2026, 10, 21, 12) + i * 3_600_000).toISOString(), -(10_000 + i * 10))
      : line('purchase', new Date(Date.UTC(2026, 10, 21, 12) + i * 3_600_000).toISOString(), 5_990 + i * 100, { description: products[i % products.length]! }),
  );
  return { first: { ...openStatement, transactionCount: count, transactions: { items, nextCursor: 'next' } } };
}

export const statementList = (statements: Statement[]): StatementList => ({
  account: {
    customerId: 'cli-0001',
    creditLimit: 5_000_000,
    balance: 150_320,
    pendingInstallments: 336_330,
    availableCredit: 4_513_350,
    currency: 'CLP',
    openedAt: '2024-02-27T10:07:06.893Z',
  },
  statements: statements.map(({ period, status, periodStart, closingDate, dueDate, closingBalance, minimumPayment, settlement }) => ({
    period,
    status,
    periodStart,
    closingDate,
    dueDate,
    closingBalance,
    minimumPayment,
    settlement,
  })),
});

export const pointsAccount: PointsAccount = {
  balance: 12_480,
  tier: 'medium',
  progress: {
    next: 'large',
    spent: { amount: 1_245_000, currency: 'CLP' },
    needed: { amount: 3_083_830, currency: 'CLP' },
    remaining: { amount: 1_838_830, currency: 'CLP' },
  },
  expiring: [
    { date: '2026-12-07', points: 1_250 },
    { date: '2027-01-15', points: 860 },
  ],
  pointsLifetimeDays: 365,
};

/** The store's rewards, each with its name and description in both languages, as the merchant gave them. */
const rewardCatalog = [
  {
    id: 'cafe-cortesia',
    cost: 800,
    name: { es: 'Café de cortesía', en: 'Coffee on the house' },
    description: { es: 'Un café en la cafetería de cualquier tienda Aurora.', en: 'A coffee at the café of any Aurora store.' },
  },
  {
    id: 'despacho-gratis',
    cost: 1_500,
    name: { es: 'Despacho gratis', en: 'Free delivery' },
    description: { es: 'Un despacho a domicilio sin costo en tu próxima compra.', en: 'One home delivery at no cost on your next purchase.' },
  },
  {
    id: 'cupon-10000',
    cost: 7_500,
    name: { es: 'Cupón de $10.000', en: '$10.000 voucher' },
    description: { es: 'Descuento de $10.000 en compras sobre $50.000.', en: '$10.000 off purchases over $50.000.' },
  },
  {
    id: 'noche-hotel',
    cost: 60_000,
    name: { es: 'Noche de hotel para dos', en: 'A hotel night for two' },
    description: { es: 'Una noche en hoteles asociados, desayuno incluido.', en: 'One night at partner hotels, breakfast included.' },
  },
] satisfies Array<{ id: string; cost: number; name: Record<Locale, string>; description: Record<Locale, string> }>;

/** The rewards as `GET /v1/rewards?locale=` answers them. */
export const rewardsIn = (locale: Locale): Reward[] =>
  rewardCatalog.map(({ name, description, ...reward }) => ({ ...reward, name: name[locale], description: description[locale], imageUrl: null, active: true }));

const entry = (id: number, amount: number, reason: PointsEntry['reason'], reference: string | null, label: string | null, createdAt: string, order?: PointsEntry['order']): PointsEntry => ({
  id: String(id),
  amount,
  reason,
  reference,
  label,
  createdAt,
  expiresAt: amount > 0 ? new Date(new Date(createdAt).getTime() + 365 * 86_400_000).toISOString() : null,
  ...(order ? { order } : {}),
});

/** What some of Ana's orders bought. */
const bought = {
  coffeeMachine: { description: 'Cafetera espresso Litoral', moreItems: 2 },
  jacket: { description: 'Chaqueta impermeable Andes', moreItems: 1 },
  headphones: { description: 'Audífonos inalámbricos Nexo', moreItems: 0 },
};

/** The points history as `GET /v1/me/points/history?locale=` answers it: a redemption is labelled with the reward's name in that language. */
export const pointsHistoryIn = (locale: Locale): PointsEntry[] => [
  entry(9, 1_640, 'purchase', 'ord-001655', null, '2026-11-20T18:12:00Z', bought.coffeeMachine),
  entry(8, -800, 'redemption', 'red_demo_12', rewardCatalog[0]!.name[locale], '2026-11-02T13:40:00Z'),
  entry(7, 500, 'birthday', '2026', null, '2026-09-20T03:00:00Z'),
  entry(6, -210, 'refund', 'ord-001512', null, '2026-08-30T15:00:00Z', bought.headphones),
  entry(5, 1_120, 'promotion', 'ord-001388', 'CyberDay', '2026-07-01T19:30:00Z', bought.jacket),
  entry(4, 1_120, 'purchase', 'ord-001388', null, '2026-07-01T19:30:00Z', bought.jacket),
  entry(3, -340, 'expiry', null, null, '2026-05-14T12:00:00Z'),
];

const product = (id: string, name: string, price: number, stock: number, colours: [string, string]): Product => ({
  id,
  name,
  description: '',
  category: '',
  price: { amount: price, currency: 'CLP' },
  imageUrl: `data:image/svg+xml,${encodeURIComponent(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10" fill="${colours[0]}"/><circle cx="5" cy="5" r="3" fill="${colours[1]}" opacity=".3"/></svg>`)}`,
  stock,
  active: true,
});

export const wishlist: Wishlist = {
  items: [
    {
      product: product('p-061', 'Chaqueta impermeable Andes', 98_990, 25, ['#fce7f3', '#be185d']),
      note: '',
      alerts: { priceDrop: true, backInStock: true },
      priceWhenAdded: { amount: 105_990, currency: 'CLP' },
      addedAt: '2026-10-02T14:00:00Z',
    },
    {
      product: product('p-034', 'Cafetera espresso Litoral', 111_990, 0, ['#dbeafe', '#1d4ed8']),
      note: 'Para el cumpleaños de mamá',
      alerts: { priceDrop: true, backInStock: true },
      priceWhenAdded: { amount: 111_990, currency: 'CLP' },
      addedAt: '2026-09-18T20:30:00Z',
    },
    {
      product: product('p-017', 'Smartwatch deportivo Nexo', 203_990, 43, ['#ede9fe', '#6d28d9']),
      note: '',
      alerts: { priceDrop: false, backInStock: true },
      priceWhenAdded: { amount: 203_990, currency: 'CLP' },
      addedAt: '2026-08-30T11:10:00Z',
    },
  ],
};

export const wishlistAlerts: Notifications = {
  unread: 1,
  items: [
    {
      id: '41',
      kind: 'price-drop',
      product: { id: 'p-061', name: 'Chaqueta impermeable Andes', imageUrl: null },
      previousPrice: { amount: 105_990, currency: 'CLP' },
      price: { amount: 98_990, currency: 'CLP' },
      createdAt: '2026-11-20T12:00:00Z',
      readAt: null,
    },
  ],
};

export const recommendations: Recommendations = {
  modelBuiltAt: '2026-11-23T12:00:00Z',
  items: [
    { product: product('p-052', 'Vajilla 18 piezas Litoral', 76_990, 12, ['#fef3c7', '#b45309']), reason: { kind: 'bought', product: { id: 'p-055', name: 'Set de ollas 7 piezas Kuma' } }, score: 1.8 },
    { product: product('p-014', 'Hervidor eléctrico 1,7 L Nexo', 24_990, 40, ['#dbeafe', '#1d4ed8']), reason: { kind: 'wishlisted', product: { id: 'p-034', name: 'Cafetera espresso Litoral' } }, score: 1.2 },
    { product: product('p-091', 'Mat de yoga Andes', 19_990, 33, ['#dcfce7', '#15803d']), reason: { kind: 'tier', tier: 'large' }, score: 0.4 },
    { product: product('p-003', 'Freidora de aire 5 L Kuma', 74_990, 59, ['#dbeafe', '#1d4ed8']), reason: { kind: 'popular' }, score: 0.2 },
  ],
};

export const boughtTogether: Recommendations = {
  modelBuiltAt: '2026-11-23T12:00:00Z',
  items: recommendations.items.slice(0, 3).map((item) => ({ ...item, reason: { kind: 'together', product: { id: 'p-034', name: 'Cafetera espresso Litoral' } } })),
};

const chatMessage = (conversationId: string, seq: number, author: ChatMessage['author'], body: string, sentAt: string): ChatMessage => ({
  id: `${conversationId}-${seq}`,
  conversationId,
  seq,
  clientId: `story-${conversationId}-${seq}`,
  author,
  authorName: author === 'agent' ? 'Sofía Morales' : null,
  body,
  sentAt,
});

/** A conversation about a statement charge: asked, answered, read by the store. */
export const chargeMessages: ChatMessage[] = [
  chatMessage('conv-7', 1, 'shopper', 'Hola, veo un cargo de $45.990 que no reconozco en mi estado de cuenta.', '2026-11-23T13:02:00Z'),
  chatMessage('conv-7', 2, 'agent', 'Hola Ana, es la cuota 2 de 6 del hervidor que compraste en octubre.', '2026-11-23T13:05:00Z'),
  chatMessage('conv-7', 3, 'shopper', '¡Ah, claro! Gracias.\n¿Puedo pagarlo completo?', '2026-11-23T13:06:00Z'),
  chatMessage('conv-7', 4, 'agent', 'Sí: desde Estado de cuenta, con «Pagar total». <b>Sin costo</b> adicional.', '2026-11-23T13:07:00Z'),
];

export const statementAttachment: Conversation['attachment'] = {
  kind: 'statement-line',
  period: '2026-11',
  line: { kind: 'installment', date: '2026-10-05T15:00:00Z', description: 'Hervidor eléctrico 1,7 L Nexo', moreItems: 0, amount: 45_990, installment: { number: 2, count: 6 }, orderId: 'ord-001601', purchaseTotal: 275_940 },
};

const conversation = (id: string, subject: string, status: Conversation['status'], lastMessage: ChatMessage, extra: Partial<Conversation> = {}): Conversation => ({
  id,
  status,
  subject,
  createdAt: '2026-11-20T10:00:00Z',
  updatedAt: lastMessage.sentAt,
  lastMessage,
  unread: 0,
  agentReadSeq: lastMessage.seq,
  assignedAgent: { id: 'agt_demo_sofia', name: 'Sofía Morales' },
  rating: null,
  attachment: null,
  startedOffline: false,
  ...extra,
});

export const chargeConversation = conversation('conv-7', 'Un cargo que no reconozco', 'pending', chargeMessages[3]!, { agentReadSeq: 3, attachment: statementAttachment });

export const conversations: Conversation[] = [
  { ...chargeConversation, unread: 1 },
  conversation('conv-5', 'Cambio de talla', 'resolved', chatMessage('conv-5', 6, 'agent', 'Listo, el cambio quedó registrado.', '2026-11-12T16:40:00Z'), { rating: { score: 5, comment: '' } }),
  conversation('conv-2', 'Despacho a regiones', 'resolved', chatMessage('conv-2', 3, 'agent', 'Sí, despachamos a todo Chile.', '2026-10-30T11:15:00Z')),
];

export const resolvedConversation: Conversation = { ...chargeConversation, status: 'resolved' };

export const ratedConversation: Conversation = { ...chargeConversation, status: 'resolved', rating: { score: 5, comment: 'Muy clara la respuesta' } };

export const onlineNow = { online: true, withinHours: true, opensAt: null };
export const awayUntilMonday = { online: false, withinHours: false, opensAt: '2026-11-30T12:00:00Z' };

/** The same conversation as the agent console sees it. */
export const agentConversations: AgentConversation[] = conversations.map((c) => ({
  ...c,
  customer: { id: 'cli-0001', name: 'Ana Torres', tier: 'top' },
  unreadByAgents: 0,
  shopperReadSeq: c.lastMessage?.seq ?? 0,
}));

export const newConversations: AgentConversation[] = [
  {
    ...conversation('conv-9', 'Puntos que no aparecen', 'open', chatMessage('conv-9', 1, 'shopper', 'Compré ayer y no veo los puntos.', '2026-11-23T14:10:00Z'), { assignedAgent: null, agentReadSeq: 0 }),
    customer: { id: 'cli-0003', name: 'Lucía Fernández', tier: 'medium' },
    unreadByAgents: 1,
    shopperReadSeq: 1,
  },
  {
    ...conversation('conv-8', 'Exchanging a size', 'open', chatMessage('conv-8', 2, 'shopper', 'Collection, please.', '2026-11-23T13:55:00Z'), { assignedAgent: null, agentReadSeq: 1, startedOffline: true }),
    customer: { id: 'cli-0002', name: 'Emma Clarke', tier: 'large' },
    unreadByAgents: 2,
    shopperReadSeq: 2,
  },
];

export const anaPanel: CustomerPanel = {
  customer: {
    id: 'cli-0001',
    firstName: 'Ana',
    lastName: 'Torres',
    email: 'ana.torres@example.com',
    phone: '+56 9 3611 6346',
    locale: 'es',
    birthday: '1969-09-20',
    registeredAt: '2024-02-27T10:07:06Z',
    tier: 'top',
    points: { balance: 19_448 },
    spentToDate: { amount: 8_921_120, currency: 'CLP' },
    lifetimeValue: { amount: 26_763_360, currency: 'CLP' },
    rfm: { lastPurchaseAt: '2026-11-13T15:00:00Z', recencyDays: 10, frequency: 58, monetary: { amount: 6_120_400, currency: 'CLP' } },
  },
  card: {
    creditLimit: 5_000_000,
    balance: 339_611,
    availableCredit: 3_785_739,
    lastStatement: { period: '2026-11', closingBalance: 458_584, minimumPayment: 458_584, dueDate: '2026-11-30' },
  },
  wishlist: wishlist.items,
  recentOrders: [
    { id: 'ord-001655', placedAt: '2026-11-13T15:00:00Z', total: 135_990, items: ['Cafetera espresso Pampa'], paidWithStoreCard: true },
    { id: 'ord-001601', placedAt: '2026-11-06T12:30:00Z', total: 99_980, items: ['Mochila de viaje 30 L Andes', 'Botella térmica 1 L Nexo'], paidWithStoreCard: true },
    { id: 'ord-001544', placedAt: '2026-10-31T19:10:00Z', total: 167_980, items: ['Chaqueta impermeable Litoral'], paidWithStoreCard: false },
  ],
  currency: 'CLP',
};

/** Ana's consents: profiling and the birthday greeting on, marketing email refused; each answer kept with its text version. */
export const anaConsents: Consents = {
  textVersion: '2026-12',
  items: [
    { purpose: 'marketing-email', granted: false, source: 'answer', textVersion: '2026-12', since: '2026-11-02T14:05:00.000Z' },
    { purpose: 'profiling', granted: true, source: 'answer', textVersion: '2026-12', since: '2026-11-02T14:05:00.000Z' },
    { purpose: 'birthday-greeting', granted: true, source: 'default', textVersion: null, since: null },
  ],
  history: [
    { purpose: 'marketing-email', granted: false, textVersion: '2026-12', channel: 'portal', by: { kind: 'shopper' }, at: '2026-11-02T14:05:00.000Z' },
    { purpose: 'profiling', granted: true, textVersion: '2026-12', channel: 'portal', by: { kind: 'shopper' }, at: '2026-11-02T14:05:00.000Z' },
  ],
};

/** Everything Almacenes Aurora keeps about Ana, as GET /v1/me/export gives it (shortened to a few of each). */
export const anaExport: CustomerExport = {
  format: 'clientela.customer-export/1',
  exportedAt: '2026-12-07T15:00:00.000Z',
  store: { id: 'mer_demo', name: 'Almacenes Aurora', currency: 'CLP' },
  profile: { id: 'cli-0001', firstName: 'Ana', lastName: 'Torres', email: 'ana.torres@correo.example', phone: '+56912345678', locale: 'es', birthday: '1969-09-20', registeredAt: '2024-02-27T10:07:06.893Z', tier: 'top' },
  orders: [
    { id: 'ord-001204', placedAt: '2026-10-03T16:20:00.000Z', total: 181_980, refunded: 0, currency: 'CLP', paidWithStoreCard: true, installments: 6, lines: [{ productId: 'p-011', quantity: 1, unitPrice: 181_980 }] },
    { id: 'ord-001388', placedAt: '2026-11-12T19:02:00.000Z', total: 408_000, refunded: 0, currency: 'CLP', paidWithStoreCard: true, installments: 12, lines: [{ productId: 'p-024', quantity: 2, unitPrice: 204_000 }] },
  ],
  points: {
    balance: 19_448,
    ledger: [
      { amount: 18_198, reason: 'purchase', reference: 'ord-001204', label: null, at: '2026-10-03T16:20:00.000Z', expiresAt: '2027-10-03T16:20:00.000Z' },
      { amount: 1_250, reason: 'birthday', reference: null, label: null, at: '2026-09-20T03:00:00.000Z', expiresAt: '2027-09-20T03:00:00.000Z' },
    ],
    redemptions: [],
  },
  card: null,
  wishlist: [{ productId: 'p-005', note: 'Para el cumpleaños de papá', alertPriceDrop: true, alertBackInStock: true, addedAt: '2026-11-20T12:00:00.000Z' }],
  notifications: [],
  conversations: [],
  browsing: [],
  staffNotes: [],
  consents: anaConsents,
  accessLog: [
    { id: '12', at: '2026-12-03T13:41:00.000Z', by: { kind: 'staff', id: 'stf_sofia', name: 'Sofía Rojas', role: 'agent' }, view: 'customer-panel' },
    { id: '9', at: '2026-11-28T10:15:00.000Z', by: { kind: 'staff', id: 'stf_marta', name: 'Marta Díaz', role: 'admin' }, view: 'customer-page' },
  ],
};

/** A shopper who just joined: a profile, nothing else, and nobody has looked. */
export const newShopperExport: CustomerExport = {
  ...anaExport,
  profile: { ...anaExport.profile, id: 'cli-0999', firstName: 'Tomás', lastName: 'Vera', email: null, phone: null, birthday: null, tier: 'potential' },
  orders: [],
  points: { balance: 0, ledger: [], redemptions: [] },
  wishlist: [],
  consents: { ...anaConsents, items: anaConsents.items.map((item) => ({ ...item, granted: item.purpose === 'birthday-greeting', source: 'default' as const, textVersion: null, since: null })), history: [] },
  accessLog: [],
};
