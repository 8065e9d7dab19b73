import * as z from 'zod/mini';
import { ExternalId, IsoDate, IsoDateTime, PageQuery } from './common.ts';
import { allStaff, defineEndpoint, ownersAndAdmins } from './endpoint.ts';

/** Interest and percentages in basis points: 250 is 2.50 %. */
const BasisPoints = z.int().check(z.minimum(0), z.maximum(10_000));
const Amount = z.int().check(z.minimum(0), z.maximum(1_000_000_000_000));
/** A monthly interest rate in basis points: Chile's tasa máxima convencional has stayed near 3-4 % a month, and no card charges 10 %. */
const MonthlyRate = z.int().check(z.minimum(0), z.maximum(1_000));

export const CardSettings = z.object({
  /** Day of the month the statement closes, 1 to 28, in the merchant's time zone. */
  closingDay: z.int().check(z.minimum(1), z.maximum(28)),
  /** Days from closing to the payment due date. */
  dueDays: z.int().check(z.minimum(5), z.maximum(25)),
  /** Share of the financeable amount the minimum payment asks for: 5 % (500) under the CMF's rule (NCG 537). */
  minimumPaymentBps: BasisPoints,
  /**
   * Share of the interest-free installments billed in a cycle that the minimum
   * asks for in full (the rest is financeable). `null` follows the CMF's
   * phase-in by the statement's closing date: 25 % from December 2026, 50 %
   * from June 2027, 75 % from December 2027, all of it from June 2028.
   */
  interestFreeInstallmentsInMinimumBps: z.nullable(BasisPoints),
  /** Monthly interest on revolving credit: what was not paid of a statement by its due date; at most 10 %, far above any legal maximum. */
  monthlyInterestBps: MonthlyRate,
  /** Monthly interest of purchases in installments "con interés"; at most 10 %. */
  installmentInterestBps: MonthlyRate,
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
  staff: ownersAndAdmins,
  tag: 'Store card',
  summary: "The merchant's store-card rules: statement cycle, minimum payment, interest and late fee.",
  response: CardSettings,
});

export const putCardSettings = defineEndpoint({
  id: 'putCardSettings',
  method: 'PUT',
  path: '/v1/card-settings',
  audience: 'secret',
  staff: ownersAndAdmins,
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
  staff: ownersAndAdmins,
  tag: 'Store card',
  summary: 'Opens a store-card account for the customer or changes its credit limit.',
  params: z.object({ id: ExternalId }),
  body: CardAccountInput,
  response: CardAccount,
  errors: [404],
});

export const Period = z.string().check(z.regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'A period is YYYY-MM'), z.maxLength(7));

export const statementLineKinds = ['purchase', 'installment', 'payment', 'credit', 'fee', 'interest'] as const;
export const StatementLineKind = z.enum(statementLineKinds);
export type StatementLineKind = z.infer<typeof StatementLineKind>;

export const StatementLine = z.object({
  /**
   * Its place in the statement: 1, 2, 3… in the order shown. A chat about the
   * line names it by period and seq. Absent only from lines attached to
   * conversations before lines were numbered.
   */
  seq: z.optional(z.int()),
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

/** What has been paid of the latest closed statement since it closed, and what is left of it. */
export const Settlement = z.object({
  /** Payments and refund credits received since the statement closed. */
  paid: z.int(),
  /** What is left to pay of the closing balance. */
  remaining: z.int(),
  /** What is left to pay of the minimum payment. */
  minimumRemaining: z.int(),
  /** The due date has passed with part of the minimum unpaid: the payment is late. */
  overdue: z.boolean(),
});
export type Settlement = z.infer<typeof Settlement>;

export const StatementSummary = z.object({
  period: Period,
  /** `open` is the cycle in progress: its figures change until it closes. */
  status: z.enum(['open', 'closed']),
  periodStart: IsoDate,
  closingDate: IsoDate,
  dueDate: IsoDate,
  closingBalance: z.int(),
  minimumPayment: z.int(),
  /** For the latest closed statement only: what arrived since it closed and what is left to pay; null otherwise. */
  settlement: z.nullable(Settlement),
});
export type StatementSummary = z.infer<typeof StatementSummary>;

export const Payoff = z.object({
  /**
   * Paying only the minimum each month, with no new purchases: months to clear
   * this statement's balance (null: never) and the interest paid meanwhile. One
   * month and no interest when the minimum is the whole balance.
   */
  minimumOnly: z.object({ months: z.nullable(z.int()), totalInterest: z.int() }),
  /** What paying the whole balance by the due date saves in interest. */
  payInFullSaves: z.int(),
});

/**
 * What the minimum payment is made of, under the CMF's rule (NCG 537):
 * minimum = non-financeable + a share of the financeable, never more than the balance.
 */
export const MinimumBreakdown = z.object({
  /** Due in full: interest, fees, what is past due, the interest of installments "con interés" and the counted share of interest-free installments. */
  nonFinanceable: z.int(),
  /** May revolve: purchases in one payment, the balance carried, the capital of installments, the uncounted share of interest-free ones. */
  financeable: z.int(),
  /** The share of the financeable part the minimum asks for. */
  financeableShareBps: z.int(),
  /** The share of this cycle's interest-free installments counted as non-financeable. */
  interestFreeInstallmentsShareBps: z.int(),
  /** What was left unpaid of the previous minimum after its due date, part of the non-financeable amount. */
  pastDue: z.int(),
});
export type MinimumBreakdown = z.infer<typeof MinimumBreakdown>;

/** An interest rate as a Chilean statement states it. */
export const CreditRate = z.object({
  monthlyBps: z.int(),
  /** The monthly rate times twelve, as Chilean rates are stated. */
  annualBps: z.int(),
  /** Carga anual equivalente: the yearly cost of a reference operation (12 monthly installments), all charges included. */
  caeBps: z.int(),
});
export type CreditRate = z.infer<typeof CreditRate>;

export const StatementRates = z.object({
  /** Revolving credit ("rotativo"): what is not paid of a statement by its due date. */
  revolving: CreditRate,
  /** Purchases in installments "con interés". */
  installments: CreditRate,
});
export type StatementRates = z.infer<typeof StatementRates>;

/** Installments already scheduled to bill in a coming cycle ("próximos vencimientos"). */
export const UpcomingInstallments = z.object({
  period: Period,
  dueDate: IsoDate,
  amount: z.int(),
});
export type UpcomingInstallments = z.infer<typeof UpcomingInstallments>;

/** A purchase in installments that still has installments to bill, and what settling it early costs. */
export const PrepaymentPlan = z.object({
  orderId: z.string(),
  description: z.string(),
  purchaseTotal: z.int(),
  /** Installments still to bill after this statement. */
  installmentsLeft: z.int(),
  /** What those installments add up to. */
  scheduled: z.int(),
  /** The capital still owed on them. */
  capital: z.int(),
  /** The prepayment commission: one month of the agreed interest on that capital (the cap of Ley 18.010, art. 10); none for interest-free ones. */
  commission: z.int(),
});
export type PrepaymentPlan = z.infer<typeof PrepaymentPlan>;

/** "Costo monetario de prepago": what settles the whole debt at the statement's date. */
export const Prepayment = z.object({
  /** The balance billed, plus the capital and commission of every installment not billed yet. */
  total: z.int(),
  plans: z.array(PrepaymentPlan),
});
export type Prepayment = z.infer<typeof Prepayment>;

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
  /** Null only for statements closed before these disclosures were kept. */
  minimum: z.nullable(MinimumBreakdown),
  /** The rates and CAE in force for the cycle; null only for statements closed before they were kept. */
  rates: z.nullable(StatementRates),
  /** The installments due in each of the next four cycles; null only for statements closed before they were kept. */
  upcomingInstallments: z.nullable(z.array(UpcomingInstallments)),
  /** Null only for statements closed before it was kept. */
  prepayment: z.nullable(Prepayment),
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

const StatementPageQuery = z.object({
  limit: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(1000)), 50),
  after: PageQuery.shape.after,
});

export const getMyStatement = defineEndpoint({
  id: 'getMyStatement',
  method: 'GET',
  path: '/v1/me/statements/{period}',
  audience: 'shopper',
  tag: 'Store card',
  summary: 'One statement: its figures, a payoff hint and its transactions, paged by cursor.',
  params: z.object({ period: Period }),
  query: StatementPageQuery,
  response: Statement,
  errors: [404],
});

export const statementExportFormats = ['csv', 'pdf'] as const;

export const exportMyStatement = defineEndpoint({
  id: 'exportMyStatement',
  method: 'GET',
  path: '/v1/me/statements/{period}/export',
  audience: 'shopper',
  tag: 'Store card',
  summary:
    "One statement as a file in the shopper's language: CSV (the default; UTF-8, comma-separated, the summary figures then one row per transaction) or PDF (the whole statement as the store sends it).",
  params: z.object({ period: Period }),
  query: z.object({
    format: z._default(z.enum(statementExportFormats), 'csv'),
    locale: z._default(z.enum(['es', 'en']), 'es'),
  }),
  response: null,
  produces: ['text/csv', 'application/pdf'],
  errors: [404],
});

export const listCustomerStatements = defineEndpoint({
  id: 'listCustomerStatements',
  method: 'GET',
  path: '/v1/customers/{id}/statements',
  audience: 'secret',
  staff: allStaff,
  tag: 'Store card',
  summary: "A customer's store-card account and statements, as the cardholder sees them; `account` is null without a store card.",
  params: z.object({ id: ExternalId }),
  response: StatementList,
  errors: [404],
});

export const getCustomerStatement = defineEndpoint({
  id: 'getCustomerStatement',
  method: 'GET',
  path: '/v1/customers/{id}/statements/{period}',
  audience: 'secret',
  staff: allStaff,
  tag: 'Store card',
  summary: "One of a customer's statements, as the cardholder sees it: figures, disclosures and transactions, paged by cursor.",
  params: z.object({ id: ExternalId, period: Period }),
  query: StatementPageQuery,
  response: Statement,
  errors: [404],
});
