import type { Locale, Statement } from '@clientela/contract';
import { lineDescription, statementWords } from './statement-words.ts';
import { localDate } from '../../core/time-zone.ts';

/** The CSV's own words, besides those it shares with the PDF. */
const csvWords: Record<Locale, { headers: (currency: string) => string[]; percent: string; upcoming: (date: string) => string }> = {
  es: {
    headers: (currency) => ['Fecha', 'Descripción', 'Cuota', 'Tipo', `Monto (${currency})`],
    percent: '%',
    upcoming: (date) => `Vencimiento ${date}`,
  },
  en: {
    headers: (currency) => ['Date', 'Description', 'Installment', 'Type', `Amount (${currency})`],
    percent: '%',
    upcoming: (date) => `Due ${date}`,
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
  const words = statementWords[options.locale];
  const own = csvWords[options.locale];
  const digits = minorDigits(options.currency);
  const money = (amount: number) => (amount / 10 ** digits).toFixed(digits);
  const negative = (amount: number) => money(amount === 0 ? 0 : -amount);
  const f = words.figures;
  const title = statement.status === 'open' ? `${statement.period} (${words.inProgress})` : statement.period;
  const summary: Array<[string, string]> = [
    [words.statement, title],
    [words.periodStart, statement.periodStart],
    [words.closingDate, statement.closingDate],
    [words.dueDate, statement.dueDate],
    [f.previousBalance, money(statement.previousBalance)],
    [f.purchases, money(statement.purchases)],
    [f.installments, money(statement.installments)],
    [f.payments, negative(statement.payments)],
    [f.credits, negative(statement.credits)],
    [f.fees, money(statement.fees)],
    [f.interest, money(statement.interest)],
    [f.closingBalance, money(statement.closingBalance)],
    [f.minimumPayment, money(statement.minimumPayment)],
    [f.creditLimit, money(statement.creditLimit)],
    [f.availableCredit, money(statement.availableCredit)],
    [f.pendingInstallments, money(statement.pendingInstallments)],
  ];
  if (statement.rates) {
    const { rates } = words;
    for (const [name, rate] of [[rates.revolving, statement.rates.revolving], [rates.installments, statement.rates.installments]] as const) {
      summary.push(
        [`${name}: ${rates.monthly} (${own.percent})`, percent(rate.monthlyBps)],
        [`${name}: ${rates.annual} (${own.percent})`, percent(rate.annualBps)],
        [`${name}: ${rates.cae} (${own.percent})`, percent(rate.caeBps)],
      );
    }
  }
  for (const upcoming of statement.upcomingInstallments ?? []) summary.push([own.upcoming(upcoming.dueDate), money(upcoming.amount)]);
  if (statement.prepayment) summary.push([f.prepaymentCost, money(statement.prepayment.total)]);
  const rows = statement.transactions.items.map((line) =>
    [
      localDate(new Date(line.date), options.timeZone),
      textCell(lineDescription(line, words)),
      line.installment ? `${line.installment.number}/${line.installment.count}` : '',
      textCell(words.kinds[line.kind]),
      money(line.amount),
    ].join(','),
  );
  return `${[
    ...summary.map(([label, value]) => `${textCell(label)},${value}`),
    '',
    own.headers(options.currency).map(textCell).join(','),
    ...rows,
  ].join('\r\n')}\r\n`;
}
