import type { CardAccount, CardSettings, Locale, Settlement, Statement, StatementLine, StatementList, StatementSummary } from '@clientela/contract';
import type { Kysely, Transaction } from 'kysely';
import type { Clock } from '../../core/clock.ts';
import { decodeCursor, encodeCursor } from '../../core/cursor.ts';
import { isUniqueViolation, requestFingerprint } from '../../core/idempotency.ts';
import type { Merchant } from '../../core/merchant.ts';
import { notFound, ProblemError } from '../../core/problem.ts';
import { WithStatus, type FileResult } from '../../core/results.ts';
import type { Database, Db } from '../../db/schema.ts';
import { findCustomer } from '../customers/index.ts';
import { recordMail } from '../mail-outbox/index.ts';
import { addMonths, periodBounds, periodOf, type CycleRules, type PeriodBounds } from './cycle.ts';
import { installmentSchedule } from './installments.ts';
import { statementCsv } from './statement-csv.ts';
import { statementPdf } from './statement-pdf.ts';
import { applyRefund, computeStatement, largestPayment, type ComputedStatement, type Disclosures, type Figures, type Line, type Plan, type PreviousStatement, type StatementInput } from './statement.ts';
import {
  findCardAccount,
  findCardSettings,
  findMovement,
  findPlan,
  findStatement,
  insertMovement,
  insertPlan,
  insertStatement,
  listStatements,
  movementsBetween,
  plansFrom,
  setLastClosedPeriod,
  statementLines,
  updatePlanAmounts,
  upsertCardAccount,
  upsertCardSettings,
  type CardAccountRow,
} from './statements.repository.ts';

export interface Deps {
  db: Kysely<Database>;
  clock: Clock;
}

const currencyDigits = (currency: string) => new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;

/**
 * Rules of a merchant that has not set its own: the minimum payment of the
 * CMF's rule (5 % of the financeable amount, interest-free installments by
 * its phase-in). Amounts are for pesos-like currencies without decimals (CLP
 * 5.990 late fee, CLP 1.000.000 limit) and dollars-like ones with cents
 * (15.00, 2,000.00).
 */
export function defaultCardSettings(currency: string): CardSettings {
  const wholeUnits = currencyDigits(currency) === 0;
  return {
    closingDay: 20,
    dueDays: 10,
    minimumPaymentBps: 500,
    interestFreeInstallmentsInMinimumBps: null,
    monthlyInterestBps: 250,
    installmentInterestBps: 199,
    lateFee: wholeUnits ? 5_990 : 1_500,
    defaultCreditLimit: wholeUnits ? 1_000_000 : 200_000,
  };
}

export async function cardSettingsOf(db: Kysely<Database> | Transaction<Database>, merchant: Merchant): Promise<CardSettings> {
  const row = await findCardSettings(db, merchant.id);
  if (!row) return defaultCardSettings(merchant.currency);
  const { merchantId: _, ...settings } = row;
  return settings;
}

export async function putCardSettings(deps: Deps, merchant: Merchant, settings: CardSettings): Promise<CardSettings> {
  const { merchantId: _, ...stored } = await upsertCardSettings(deps.db, { ...settings, merchantId: merchant.id });
  return stored;
}

const cycleRules = (settings: CardSettings, merchant: Merchant): CycleRules => ({
  closingDay: settings.closingDay,
  dueDays: settings.dueDays,
  timeZone: merchant.timeZone,
});

/** An account brought up to date: every ended period closed, and the open one computed as of now. */
export interface AccountState {
  /** The transaction holding the account's lock for a change; the database itself for a read. */
  db: Db;
  merchant: Merchant;
  account: CardAccountRow;
  settings: CardSettings;
  rules: CycleRules;
  now: Date;
  open: PeriodBounds;
  openStatement: ComputedStatement;
}

async function statementInput(
  db: Db,
  merchant: Merchant,
  account: CardAccountRow,
  settings: CardSettings,
  bounds: PeriodBounds,
  asOf: Date,
): Promise<StatementInput> {
  const previousRow = await findStatement(db, merchant.id, account.customerId, addMonths(bounds.period, -1));
  const previous: PreviousStatement | null = previousRow
    ? { closingBalance: previousRow.closingBalance, minimumPayment: previousRow.minimumPayment, dueEnd: previousRow.dueEnd }
    : null;
  return {
    bounds,
    rules: { ...settings, ...cycleRules(settings, merchant) },
    creditLimit: account.creditLimit,
    previous,
    plans: await plansFrom(db, merchant.id, account.customerId, addMonths(bounds.period, -48)),
    // Up to and including `asOf`: a movement recorded at this instant belongs to the figures of this instant.
    movements: await movementsBetween(db, merchant.id, account.customerId, bounds.start, asOf < bounds.end ? new Date(asOf.getTime() + 1) : bounds.end),
    asOf,
  };
}

/** A statement as stored: its figures, and its lines numbered in order. */
export function statementRows(merchantId: string, customerId: string, currency: string, bounds: PeriodBounds, computed: ComputedStatement) {
  const { figures, lines, disclosures } = computed;
  const { payoffMonths, payoffInterest, ...rest } = figures;
  return {
    statement: {
      merchantId,
      customerId,
      period: bounds.period,
      periodStart: bounds.periodStart,
      closingDate: bounds.closingDate,
      dueDate: bounds.dueDate,
      dueEnd: bounds.dueEnd,
      currency,
      ...rest,
      payoffMonths,
      payoffInterest,
      transactionCount: lines.length,
      disclosures: JSON.stringify(disclosures),
    },
    lines: lines.map((line, index) => ({
      merchantId,
      customerId,
      period: bounds.period,
      seq: index + 1,
      kind: line.kind,
      occurredAt: line.date,
      description: line.description,
      moreItems: line.moreItems,
      amount: line.amount,
      installmentNumber: line.installment?.number ?? null,
      installmentCount: line.installment?.count ?? null,
      orderId: line.orderId,
      purchaseTotal: line.purchaseTotal,
    })),
  };
}

/** Whether a period left nothing to tell: no movement, no balance, nothing pending. Such periods get no statement. */
const isEmpty = ({ figures, lines }: ComputedStatement) =>
  lines.length === 0 && figures.previousBalance === 0 && figures.pendingInstallments === 0;

async function requireAccount(db: Db, merchant: Merchant, customerId: string, lock: boolean) {
  const account = await findCardAccount(db, merchant.id, customerId, lock);
  if (account) return account;
  if (!(await findCustomer(db, merchant.id, customerId))) throw notFound(`Customer ${customerId}`);
  throw new ProblemError('conflict', `Customer ${customerId} has no store card`);
}

const firstUnclosed = (account: CardAccountRow, rules: CycleRules) =>
  account.lastClosedPeriod ? addMonths(account.lastClosedPeriod, 1) : periodOf(account.openedAt, rules);

/** The open cycle's figures as of now, the account's periods being closed up to it. */
async function stateOf(db: Db, merchant: Merchant, account: CardAccountRow, settings: CardSettings, now: Date): Promise<AccountState> {
  const rules = cycleRules(settings, merchant);
  const open = periodBounds(firstUnclosed(account, rules), rules);
  const openStatement = computeStatement(await statementInput(db, merchant, account, settings, open, now));
  return { db, merchant, account, settings, rules, now, open, openStatement };
}

/** How long after its closing a statement is still mailed when it is written. */
const statementMailWindowMs = 3 * 86_400_000;

/**
 * Locks a customer's card account for the transaction and closes its
 * statements: every period that ended is closed (statements close lazily, on
 * the first touch after their closing day, on whichever instance), and the
 * open one is computed as of now. Every card write starts here.
 */
export async function closeStatements(trx: Transaction<Database>, merchant: Merchant, customerId: string, now: Date): Promise<AccountState> {
  const account = await requireAccount(trx, merchant, customerId, true);
  const settings = await cardSettingsOf(trx, merchant);
  const rules = cycleRules(settings, merchant);
  let period = firstUnclosed(account, rules);
  let closed: string | null = null;
  for (let bounds = periodBounds(period, rules); bounds.end <= now; bounds = periodBounds(period, rules)) {
    const computed = computeStatement(await statementInput(trx, merchant, account, settings, bounds, bounds.end));
    if (!isEmpty(computed)) {
      const rows = statementRows(merchant.id, customerId, merchant.currency, bounds, computed);
      await insertStatement(trx, rows.statement, rows.lines);
      // Only a statement that just closed is mailed: a backlog closed late (an account no one touched) is not.
      if (now.getTime() - bounds.end.getTime() < statementMailWindowMs) {
        const facts = { period: bounds.period, amountDue: computed.figures.closingBalance, minimumPayment: computed.figures.minimumPayment, dueDate: bounds.dueDate, currency: merchant.currency };
        await recordMail(trx, merchant.id, [{ customerId, kind: 'statement-closed', eventKey: bounds.period, facts }], now);
      }
    }
    closed = period;
    period = addMonths(period, 1);
  }
  if (closed) {
    await setLastClosedPeriod(trx, merchant.id, customerId, closed);
    account.lastClosedPeriod = closed;
  }
  return stateOf(trx, merchant, account, settings, now);
}

/** Runs `work` in a transaction of its own on the customer's card account, locked and its statements closed. */
export async function withCardAccount<T>(deps: Deps, merchant: Merchant, customerId: string, work: (state: AccountState) => Promise<T>): Promise<T> {
  return deps.db.transaction().execute(async (trx) => work(await closeStatements(trx, merchant, customerId, deps.clock())));
}

/**
 * Closes the customer's statements whose period ended, if any did: what a
 * route calls before reading the card, so that the read finds them closed.
 * Only when a period is due does it take the account's lock; without a card
 * it does nothing.
 */
export async function closeDueStatements(deps: Deps, merchant: Merchant, customerId: string): Promise<void> {
  const account = await findCardAccount(deps.db, merchant.id, customerId);
  if (!account) return;
  const rules = cycleRules(await cardSettingsOf(deps.db, merchant), merchant);
  if (periodBounds(firstUnclosed(account, rules), rules).end <= deps.clock()) await withCardAccount(deps, merchant, customerId, async () => undefined);
}

/** The account as a shopper reads it, without a lock: the open cycle computed as of now, the statements as their route closed them. */
async function readCardAccount(deps: Deps, merchant: Merchant, customerId: string): Promise<AccountState> {
  const account = await requireAccount(deps.db, merchant, customerId, false);
  return stateOf(deps.db, merchant, account, await cardSettingsOf(deps.db, merchant), deps.clock());
}

export function cardAccountView(state: AccountState): CardAccount {
  const { figures } = state.openStatement;
  return {
    customerId: state.account.customerId,
    creditLimit: state.account.creditLimit,
    balance: figures.closingBalance,
    pendingInstallments: figures.pendingInstallments,
    availableCredit: figures.availableCredit,
    currency: state.merchant.currency,
    openedAt: state.account.openedAt.toISOString(),
  };
}

export async function putCardAccount(deps: Deps, merchant: Merchant, customerId: string, creditLimit: number): Promise<CardAccount> {
  if (!(await findCustomer(deps.db, merchant.id, customerId))) throw notFound(`Customer ${customerId}`);
  await upsertCardAccount(deps.db, { merchantId: merchant.id, customerId, creditLimit, openedAt: deps.clock() });
  return withCardAccount(deps, merchant, customerId, async (state) => cardAccountView(state));
}

const openSummary = (state: AccountState): StatementSummary => ({
  period: state.open.period,
  status: 'open',
  periodStart: state.open.periodStart,
  closingDate: state.open.closingDate,
  dueDate: state.open.dueDate,
  closingBalance: state.openStatement.figures.closingBalance,
  minimumPayment: state.openStatement.figures.minimumPayment,
  settlement: null,
});

type ClosedSummaryRow = Awaited<ReturnType<typeof listStatements>>[number];

/**
 * What has been paid of the latest closed statement since it closed: the
 * money the open cycle received, which pays its previous balance first. A
 * statement followed by a cycle without one closed with nothing owed.
 */
function settlementOf(latest: Pick<ClosedSummaryRow, 'period' | 'closingBalance' | 'minimumPayment' | 'dueEnd'>, state: AccountState): Settlement {
  const { figures } = state.openStatement;
  const paid = latest.period === addMonths(state.open.period, -1) ? figures.payments + figures.credits : 0;
  const minimumRemaining = Math.max(0, latest.minimumPayment - paid);
  return {
    paid,
    remaining: Math.max(0, latest.closingBalance - paid),
    minimumRemaining,
    overdue: minimumRemaining > 0 && state.now >= latest.dueEnd,
  };
}

const closedSummary = (row: ClosedSummaryRow, settlement: Settlement | null): StatementSummary => ({
  period: row.period,
  status: 'closed',
  periodStart: row.periodStart,
  closingDate: row.closingDate,
  dueDate: row.dueDate,
  closingBalance: row.closingBalance,
  minimumPayment: row.minimumPayment,
  settlement,
});

export async function listMyStatements(deps: Deps, merchant: Merchant, customerId: string): Promise<StatementList> {
  if (!(await findCardAccount(deps.db, merchant.id, customerId))) return { account: null, statements: [] };
  const state = await readCardAccount(deps, merchant, customerId);
  const closed = await listStatements(deps.db, merchant.id, customerId);
  return {
    account: cardAccountView(state),
    statements: [openSummary(state), ...closed.map((row, i) => closedSummary(row, i === 0 ? settlementOf(row, state) : null))],
  };
}

export const toStatementLine = (line: Line, seq: number): StatementLine => ({
  seq,
  kind: line.kind,
  date: line.date.toISOString(),
  description: line.description,
  moreItems: line.moreItems,
  amount: line.amount,
  installment: line.installment,
  orderId: line.orderId,
  purchaseTotal: line.purchaseTotal,
});

type LineRow = Awaited<ReturnType<typeof statementLines>>[number];

const lineFromRow = (row: LineRow): Line => ({
  kind: row.kind as Line['kind'],
  date: row.occurredAt,
  description: row.description,
  moreItems: row.moreItems,
  amount: row.amount,
  installment: row.installmentNumber && row.installmentCount ? { number: row.installmentNumber, count: row.installmentCount } : null,
  orderId: row.orderId,
  purchaseTotal: row.purchaseTotal,
});

function seqFromCursor(after: string | undefined): number {
  if (after === undefined) return 0;
  const seq = Number(decodeCursor(after, 'after'));
  if (!Number.isInteger(seq) || seq < 0) throw new ProblemError('invalid-request', 'The cursor is not one this API gave out');
  return seq;
}

/** A period the shopper asks for: the stored statement when it closed, the open cycle computed now, or a 404. */
async function periodFor(deps: Deps, merchant: Merchant, customerId: string, period: string) {
  const noStatement = () => notFound(`Statement ${period}`);
  if (!(await findCardAccount(deps.db, merchant.id, customerId))) throw noStatement();
  const account = await requireAccount(deps.db, merchant, customerId, false);
  const settings = await cardSettingsOf(deps.db, merchant);
  const now = deps.clock();
  if (account.lastClosedPeriod && period <= account.lastClosedPeriod) {
    const row = await findStatement(deps.db, merchant.id, customerId, period);
    if (!row) throw noStatement();
    // Only the latest closed statement is still being paid: its settlement needs the open cycle.
    const [latest] = await listStatements(deps.db, merchant.id, customerId);
    const state = latest?.period === period ? await stateOf(deps.db, merchant, account, settings, now) : null;
    return { closed: row, settlement: state ? settlementOf(row, state) : null } as const;
  }
  const state = await stateOf(deps.db, merchant, account, settings, now);
  if (period !== state.open.period) throw noStatement();
  return { open: state } as const;
}

/**
 * One statement with a page of its lines. A closed period reads what was
 * stored when it closed; the open one is computed as of now, so its lines may
 * still grow. Its route closes due statements first (`closeDueStatements`).
 */
export async function getMyStatement(
  deps: Deps,
  merchant: Merchant,
  customerId: string,
  period: string,
  page: { limit: number; after?: string },
): Promise<Statement> {
  const afterSeq = seqFromCursor(page.after);
  const found = await periodFor(deps, merchant, customerId, period);
  let summary: StatementSummary;
  let figures: Figures;
  let disclosures: Disclosures | null;
  let lines: Line[];
  let count: number;
  if (found.open) {
    summary = openSummary(found.open);
    figures = found.open.openStatement.figures;
    disclosures = found.open.openStatement.disclosures;
    count = found.open.openStatement.lines.length;
    lines = found.open.openStatement.lines.slice(afterSeq, afterSeq + page.limit + 1);
  } else {
    summary = closedSummary(found.closed, found.settlement);
    figures = found.closed;
    disclosures = found.closed.disclosures;
    count = found.closed.transactionCount;
    lines = (await statementLines(deps.db, merchant.id, customerId, period, afterSeq, page.limit + 1)).map(lineFromRow);
  }
  const shown = lines.slice(0, page.limit);
  const lastSeq = afterSeq + shown.length;
  return {
    ...summary,
    currency: merchant.currency,
    previousBalance: figures.previousBalance,
    purchases: figures.purchases,
    installments: figures.installments,
    payments: figures.payments,
    credits: figures.credits,
    fees: figures.fees,
    interest: figures.interest,
    creditLimit: figures.creditLimit,
    pendingInstallments: figures.pendingInstallments,
    availableCredit: figures.availableCredit,
    minimum: disclosures?.minimum ?? null,
    rates: disclosures?.rates ?? null,
    upcomingInstallments: disclosures?.upcomingInstallments ?? null,
    prepayment: disclosures?.prepayment ?? null,
    payoff: {
      minimumOnly: { months: figures.payoffMonths, totalInterest: figures.payoffInterest },
      payInFullSaves: figures.payoffInterest,
    },
    transactionCount: count,
    transactions: {
      items: shown.map((line, index) => toStatementLine(line, afterSeq + index + 1)),
      nextCursor: lines.length > page.limit ? encodeCursor(String(lastSeq)) : null,
    },
  };
}

/** Line `seq` of one of the shopper's statements, as `getMyStatement` shows it; undefined past its last line. */
export async function myStatementLine(deps: Deps, merchant: Merchant, customerId: string, period: string, seq: number): Promise<StatementLine | undefined> {
  const found = await periodFor(deps, merchant, customerId, period);
  const [line] = found.open
    ? found.open.openStatement.lines.slice(seq - 1, seq)
    : (await statementLines(deps.db, merchant.id, customerId, period, seq - 1, 1)).map(lineFromRow);
  return line && toStatementLine(line, seq);
}

type NewPayment = { id: string; customerId: string; amount: number; currency: string };

/**
 * Credits a payment to the card when it arrives, up to everything owed
 * (`largestPayment`); a retry of the same payment changes nothing.
 */
export async function recordPayment(deps: Deps, merchant: Merchant, input: NewPayment) {
  if (input.currency !== merchant.currency) {
    throw new ProblemError('invalid-request', 'Check body.currency', {
      errors: [{ in: 'body', field: 'currency', message: `This store's card is in ${merchant.currency}` }],
    });
  }
  const fingerprint = requestFingerprint(input);
  const view = (row: { reference: string; customerId: string; amount: number; occurredAt: Date }) => ({
    id: row.reference,
    customerId: row.customerId,
    amount: { amount: row.amount, currency: merchant.currency },
    receivedAt: row.occurredAt.toISOString(),
  });
  const replay = (existing: NonNullable<Awaited<ReturnType<typeof findMovement>>>) => {
    if (existing.requestHash !== fingerprint) throw new ProblemError('conflict', `Payment ${input.id} already exists with other content`);
    return new WithStatus(view(existing), 200);
  };
  try {
    return await withCardAccount(deps, merchant, input.customerId, async (state) => {
      const existing = await findMovement(state.db, merchant.id, 'payment', input.id);
      if (existing) return replay(existing);
      const largest = largestPayment(state.openStatement.figures);
      if (input.amount > largest) {
        const owed = largest === 0 ? `Customer ${input.customerId} owes nothing on the card` : `Customer ${input.customerId} owes ${largest} on the card in all, billed or not`;
        throw new ProblemError('conflict', `${owed}: a payment can be at most that`, {
          errors: [{ in: 'body', field: 'amount', message: `At most ${largest}, what is owed` }],
        });
      }
      const movement = await insertMovement(state.db, {
        merchantId: merchant.id,
        customerId: input.customerId,
        kind: 'payment',
        amount: input.amount,
        occurredAt: state.now,
        reference: input.id,
        orderId: null,
        requestHash: fingerprint,
      });
      return new WithStatus(view(movement), 201);
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const existing = await findMovement(deps.db, merchant.id, 'payment', input.id);
    if (!existing) throw error;
    return replay(existing);
  }
}

/** A purchase paid with the store card, as the order records it. */
export interface CardPurchase {
  orderId: string;
  purchasedAt: Date;
  description: string;
  moreItems: number;
  amount: number;
  installments: number;
  withInterest: boolean;
}

/**
 * Charges a purchase to the customer's card within the order's transaction:
 * it bills from the open cycle, in installments at the merchant's rate when
 * "con interés", and is refused when the available credit does not cover it.
 */
export async function chargeToCard(trx: Transaction<Database>, merchant: Merchant, customerId: string, now: Date, purchase: CardPurchase): Promise<void> {
  const state = await closeStatements(trx, merchant, customerId, now);
  const available = state.openStatement.figures.availableCredit;
  if (purchase.amount > available) {
    throw new ProblemError('insufficient-credit', `The purchase needs ${purchase.amount} and the card has ${Math.max(0, available)} available`);
  }
  const schedule = installmentSchedule(purchase.amount, purchase.installments, purchase.withInterest ? state.settings.installmentInterestBps : 0);
  await insertPlan(trx, merchant.id, customerId, {
    orderId: purchase.orderId,
    purchasedAt: purchase.purchasedAt,
    firstPeriod: state.open.period,
    description: purchase.description,
    moreItems: purchase.moreItems,
    amount: purchase.amount,
    installmentAmounts: schedule.amounts,
    installmentInterest: schedule.interest,
  });
}

/**
 * Refunds part of a purchase made with the card, within the refund's
 * transaction: installments not billed yet are cancelled from the last, and
 * the rest is credited to the account.
 */
export async function refundToCard(
  trx: Transaction<Database>,
  merchant: Merchant,
  customerId: string,
  now: Date,
  refund: { id: string; orderId: string; amount: number; requestHash: string },
): Promise<void> {
  const state = await closeStatements(trx, merchant, customerId, now);
  const plan = await findPlan(trx, merchant.id, refund.orderId);
  if (!plan) return;
  const { credit, ...schedule } = applyRefund(plan, refund.amount, state.open.period);
  await updatePlanAmounts(trx, merchant.id, refund.orderId, schedule);
  if (credit > 0) {
    await insertMovement(trx, {
      merchantId: merchant.id,
      customerId,
      kind: 'credit',
      amount: credit,
      occurredAt: now,
      reference: refund.id,
      orderId: refund.orderId,
      requestHash: refund.requestHash,
    });
  }
}

/** The card plan of an order paid with the store card. */
export async function cardPlanOf(db: Db, merchant: Merchant, orderId: string): Promise<Plan | undefined> {
  return findPlan(db, merchant.id, orderId);
}

/**
 * One statement as a file in the shopper's language: CSV with the summary
 * figures and every line, or the whole statement as a PDF.
 */
export async function exportMyStatement(deps: Deps, merchant: Merchant, customerId: string, period: string, options: { format: 'csv' | 'pdf'; locale: Locale }): Promise<FileResult> {
  const first = await getMyStatement(deps, merchant, customerId, period, { limit: 1 });
  const statement = first.transactionCount > 1 ? await getMyStatement(deps, merchant, customerId, period, { limit: first.transactionCount }) : first;
  const context = { locale: options.locale, currency: merchant.currency, timeZone: merchant.timeZone };
  if (options.format === 'csv') {
    return { body: statementCsv(statement, context), type: 'text/csv', filename: `${merchant.name}-${period}.csv` };
  }
  const customer = await findCustomer(deps.db, merchant.id, customerId);
  return {
    body: await statementPdf({
      ...context,
      merchantName: merchant.name,
      customer: { id: customerId, name: customer ? `${customer.firstName} ${customer.lastName}`.trim() : customerId },
      statement,
      issuedAt: deps.clock(),
    }),
    type: 'application/pdf',
    filename: `${merchant.name}-${period}.pdf`,
  };
}

/** The card at a glance, for the agent's view of a customer; null without a store card. */
export async function cardSummary(deps: Deps, merchant: Merchant, customerId: string) {
  if (!(await findCardAccount(deps.db, merchant.id, customerId))) return null;
  const state = await readCardAccount(deps, merchant, customerId);
  const [last] = await listStatements(deps.db, merchant.id, customerId);
  return {
    creditLimit: state.account.creditLimit,
    balance: state.openStatement.figures.closingBalance,
    availableCredit: state.openStatement.figures.availableCredit,
    lastStatement: last ? { period: last.period, closingBalance: last.closingBalance, minimumPayment: last.minimumPayment, dueDate: last.dueDate } : null,
  };
}
