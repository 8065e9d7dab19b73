import type { Locale, Statement, StatementLineKind } from '@clientela/contract';
import { localDate } from '../../core/time-zone.ts';

interface Words {
  summary: {
    statement: string;
    inProgress: string;
    periodStart: string;
    closingDate: string;
    dueDate: string;
    previousBalance: string;
    purchases: string;
    installments: string;
    payments: string;
    credits: string;
    fees: string;
    interest: string;
    closingBalance: string;
    minimumPayment: string;
    creditLimit: string;
    availableCredit: string;
    pendingInstallments: string;
    revolvingRate: string;
    installmentRate: string;
    monthly: string;
    annual: string;
    cae: string;
    upcoming: (period: string) => string;
    prepayment: string;
  };
  headers: (currency: string) => string[];
  kinds: Record<StatementLineKind, string>;
  more: (n: number) => string;
}

const labels: Record<Locale, Words> = {
  es: {
    summary: {
      statement: 'Estado de cuenta',
      inProgress: 'en curso',
      periodStart: 'Desde',
      closingDate: 'Fecha de facturación',
      dueDate: 'Pagar hasta',
      previousBalance: 'Saldo anterior',
      purchases: 'Compras',
      installments: 'Cuotas',
      payments: 'Pagos',
      credits: 'Devoluciones',
      fees: 'Comisiones',
      interest: 'Intereses',
      closingBalance: 'Monto total facturado',
      minimumPayment: 'Monto mínimo a pagar',
      creditLimit: 'Cupo total',
      availableCredit: 'Cupo disponible',
      pendingInstallments: 'Cuotas por facturar',
      revolvingRate: 'Crédito rotativo',
      installmentRate: 'Compras en cuotas con interés',
      monthly: 'tasa mensual (%)',
      annual: 'tasa anual (%)',
      cae: 'CAE (%)',
      upcoming: (period) => `Vencimiento ${period}`,
      prepayment: 'Costo de prepago',
    },
    headers: (currency) => ['Fecha', 'Descripción', 'Cuota', 'Tipo', `Monto (${currency})`],
    kinds: { purchase: 'Compra', installment: 'Cuota', payment: 'Pago', credit: 'Devolución', fee: 'Comisión por atraso', interest: 'Intereses' },
    more: (n) => ` y ${n} más`,
  },
  en: {
    summary: {
      statement: 'Statement',
      inProgress: 'in progress',
      periodStart: 'From',
      closingDate: 'Closing date',
      dueDate: 'Payment due',
      previousBalance: 'Previous balance',
      purchases: 'Purchases',
      installments: 'Installments',
      payments: 'Payments',
      credits: 'Refunds',
      fees: 'Fees',
      interest: 'Interest',
      closingBalance: 'Statement balance',
      minimumPayment: 'Minimum payment',
      creditLimit: 'Credit limit',
      availableCredit: 'Available credit',
      pendingInstallments: 'Installments still to bill',
      revolvingRate: 'Revolving credit',
      installmentRate: 'Installment purchases with interest',
      monthly: 'monthly rate (%)',
      annual: 'annual rate (%)',
      cae: 'CAE (%)',
      upcoming: (period) => `Due ${period}`,
      prepayment: 'Cost of prepaying',
    },
    headers: (currency) => ['Date', 'Description', 'Installment', 'Type', `Amount (${currency})`],
    kinds: { purchase: 'Purchase', installment: 'Installment', payment: 'Payment', credit: 'Refund', fee: 'Late fee', interest: 'Interest' },
    more: (n) => ` and ${n} more`,
  },
};

/** A text cell a spreadsheet will not run: cells starting with = + - @ or a control character are prefixed with an apostrophe. */
function textCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

const minorDigits = (currency: string) => new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;

const percent = (bps: number) => (bps / 100).toFixed(2);

/**
 * A statement as CSV: its summary figures as label and value rows, a blank
 * row, then its lines under a header row. Dates are in the store's time zone,
 * amounts in major units with a dot, charges positive and money in negative.
 */
export function statementCsv(statement: Statement, options: { locale: Locale; currency: string; timeZone: string }): string {
  const words = labels[options.locale];
  const digits = minorDigits(options.currency);
  const money = (amount: number) => (amount / 10 ** digits).toFixed(digits);
  const negative = (amount: number) => money(amount === 0 ? 0 : -amount);
  const s = words.summary;
  const title = statement.status === 'open' ? `${statement.period} (${s.inProgress})` : statement.period;
  const summary: Array<[string, string]> = [
    [s.statement, title],
    [s.periodStart, statement.periodStart],
    [s.closingDate, statement.closingDate],
    [s.dueDate, statement.dueDate],
    [s.previousBalance, money(statement.previousBalance)],
    [s.purchases, money(statement.purchases)],
    [s.installments, money(statement.installments)],
    [s.payments, negative(statement.payments)],
    [s.credits, negative(statement.credits)],
    [s.fees, money(statement.fees)],
    [s.interest, money(statement.interest)],
    [s.closingBalance, money(statement.closingBalance)],
    [s.minimumPayment, money(statement.minimumPayment)],
    [s.creditLimit, money(statement.creditLimit)],
    [s.availableCredit, money(statement.availableCredit)],
    [s.pendingInstallments, money(statement.pendingInstallments)],
  ];
  if (statement.rates) {
    for (const [name, rate] of [[s.revolvingRate, statement.rates.revolving], [s.installmentRate, statement.rates.installments]] as const) {
      summary.push([`${name}: ${s.monthly}`, percent(rate.monthlyBps)], [`${name}: ${s.annual}`, percent(rate.annualBps)], [`${name}: ${s.cae}`, percent(rate.caeBps)]);
    }
  }
  for (const upcoming of statement.upcomingInstallments ?? []) summary.push([s.upcoming(upcoming.dueDate), money(upcoming.amount)]);
  if (statement.prepayment) summary.push([s.prepayment, money(statement.prepayment.total)]);
  const rows = statement.transactions.items.map((line) => {
    const description = line.description ? `${line.description}${line.moreItems > 0 ? words.more(line.moreItems) : ''}` : words.kinds[line.kind];
    return [
      localDate(new Date(line.date), options.timeZone),
      textCell(description),
      line.installment ? `${line.installment.number}/${line.installment.count}` : '',
      textCell(words.kinds[line.kind]),
      money(line.amount),
    ].join(',');
  });
  return `${[
    ...summary.map(([label, value]) => `${textCell(label)},${value}`),
    '',
    words.headers(options.currency).map(textCell).join(','),
    ...rows,
  ].join('\r\n')}\r\n`;
}
