import * as z from 'zod/mini';
import { ExternalId, IsoDate, IsoDateTime, PageQuery } from './common.ts';
import { defineEndpoint } from './endpoint.ts';

/** Interest and percentages in basis points: 250 is 2.50 %. */
const BasisPoints = z.int().check(z.minimum(0), z.maximum(10_000));
const Amount = z.int().check(z.minimum(0), z.maximum(1_000_000_000_000));

export const CardSettings = z.object({
  /** Day of the month the statement closes, 1 to 28, in the merchant's time zone. */
  closingDay: z.int().check(z.minimum(1), z.maximum(28)),
  /** Days from closing to the payment due date. */
  dueDays: z.int().check(z.minimum(5), z.maximum(25)),
  /** Share of the revolving balance the minimum payment includes. */
  minimumPaymentBps: BasisPoints,
  /** The least a minimum payment asks for (unless the balance is smaller). */
  minimumPaymentFloor: Amount,
  /** Monthly interest on balance carried past the due date. */
  monthlyInterestBps: BasisPoints,
  /** Monthly interest of purchases in installments "con interés". */
  installmentInterestBps: BasisPoints,
  /** Charged when the minimum payment has not arrived by the due date. */
  lateFee: Amount,
  /** Credit limit of new store-card accounts. */
  defaultCreditLimit: Amount,
});
export type CardSettings = z.infer<typeof CardSettings>;

export const getCardSettings = defineEndpoint({
  id: 'getCardSettings',
  method: 'GET',
  path: '/v1/card-settings',
  audience: 'secret',
  tag: 'Store card',
  summary: "The merchant's store-card rules: statement cycle, minimum payment, interest and late fee.",
  response: CardSettings,
});

export const putCardSettings = defineEndpoint({
  id: 'putCardSettings',
  method: 'PUT',
  path: '/v1/card-settings',
  audience: 'secret',
  tag: 'Store card',
  summary: 'Replaces the store-card rules; statements already closed keep the rules they closed with.',
  body: CardSettings,
  response: CardSettings,
});

export const CardAccountInput = z.object({ creditLimit: Amount });

export const CardAccount = z.object({
  customerId: z.string(),
  creditLimit: z.int(),
  /** What the customer owes now: billed balance plus movements since the last closing. */
  balance: z.int(),
  /** Installments of past purchases not billed yet. */
  pendingInstallments: z.int(),
  availableCredit: z.int(),
  currency: z.string(),
  openedAt: IsoDateTime,
});
export type CardAccount = z.infer<typeof CardAccount>;

export const putCardAccount = defineEndpoint({
  id: 'putCardAccount',
  method: 'PUT',
  path: '/v1/customers/{id}/card',
  audience: 'secret',
  tag: 'Store card',
  summary: 'Opens a store-card account for the customer or changes its credit limit.',
  params: z.object({ id: ExternalId }),
  body: CardAccountInput,
  response: CardAccount,
  errors: [404],
});

export const Period = z.string().check(z.regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'A period is YYYY-MM'));

export const statementLineKinds = ['purchase', 'installment', 'payment', 'credit', 'fee', 'interest'] as const;
export const StatementLineKind = z.enum(statementLineKinds);
export type StatementLineKind = z.infer<typeof StatementLineKind>;

export const StatementLine = z.object({
  kind: StatementLineKind,
  /** When it happened: the purchase, the payment, the refund; the closing for fees and interest. */
  date: IsoDateTime,
  /** What was bought (first item), for purchases and installments; empty for other lines. */
  description: z.string(),
  /** How many more items the purchase had besides the one described. */
  moreItems: z.int(),
  /** Charges are positive, payments and credits negative, in minor units. */
  amount: z.int(),
  /** "2 de 6": which installment of how many, for purchases in installments. */
  installment: z.nullable(z.object({ number: z.int(), count: z.int() })),
  orderId: z.nullable(z.string()),
  /** The whole purchase, for a line that bills one installment of it. */
  purchaseTotal: z.nullable(z.int()),
});
export type StatementLine = z.infer<typeof StatementLine>;

export const StatementSummary = z.object({
  period: Period,
  /** `open` is the cycle in progress: its figures change until it closes. */
  status: z.enum(['open', 'closed']),
  periodStart: IsoDate,
  closingDate: IsoDate,
  dueDate: IsoDate,
  closingBalance: z.int(),
  minimumPayment: z.int(),
});
export type StatementSummary = z.infer<typeof StatementSummary>;

export const Payoff = z.object({
  /** Paying only the minimum each month, with no new purchases: months to clear the balance (null: never) and the interest paid. */
  minimumOnly: z.object({ months: z.nullable(z.int()), totalInterest: z.int() }),
  /** What paying the whole balance by the due date saves in interest. */
  payInFullSaves: z.int(),
});

export const Statement = z.object({
  ...StatementSummary.shape,
  currency: z.string(),
  previousBalance: z.int(),
  purchases: z.int(),
  installments: z.int(),
  payments: z.int(),
  credits: z.int(),
  fees: z.int(),
  interest: z.int(),
  creditLimit: z.int(),
  pendingInstallments: z.int(),
  availableCredit: z.int(),
  payoff: Payoff,
  transactionCount: z.int(),
  transactions: z.object({ items: z.array(StatementLine), nextCursor: z.nullable(z.string()) }),
});
export type Statement = z.infer<typeof Statement>;

export const StatementList = z.object({
  account: z.nullable(CardAccount),
  statements: z.array(StatementSummary),
});
export type StatementList = z.infer<typeof StatementList>;

export const listMyStatements = defineEndpoint({
  id: 'listMyStatements',
  method: 'GET',
  path: '/v1/me/statements',
  audience: 'shopper',
  tag: 'Store card',
  summary: "The shopper's store-card account and statements, the open cycle first; `account` is null without a store card.",
  response: StatementList,
});

export const getMyStatement = defineEndpoint({
  id: 'getMyStatement',
  method: 'GET',
  path: '/v1/me/statements/{period}',
  audience: 'shopper',
  tag: 'Store card',
  summary: 'One statement: its figures, a payoff hint and its transactions, paged by cursor.',
  params: z.object({ period: Period }),
  query: z.object({
    limit: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(1000)), 50),
    after: PageQuery.shape.after,
  }),
  response: Statement,
  errors: [404],
});

export const exportMyStatement = defineEndpoint({
  id: 'exportMyStatement',
  method: 'GET',
  path: '/v1/me/statements/{period}/export',
  audience: 'shopper',
  tag: 'Store card',
  summary: "One statement's transactions as CSV (UTF-8, comma-separated, one header row).",
  params: z.object({ period: Period }),
  query: z.object({ locale: z._default(z.enum(['es', 'en']), 'es') }),
  response: null,
  produces: 'text/csv',
  errors: [404],
});
