import type { Locale, StatementLineKind } from '@clientela/contract';
import { localDate } from '../../time-zone.ts';
import type { Line } from './statement.ts';

const labels: Record<Locale, { headers: (currency: string) => string[]; kinds: Record<StatementLineKind, string>; more: (n: number) => string }> = {
  es: {
    headers: (currency) => ['Fecha', 'Descripción', 'Cuota', 'Tipo', `Monto (${currency})`],
    kinds: { purchase: 'Compra', installment: 'Cuota', payment: 'Pago', credit: 'Devolución', fee: 'Comisión por atraso', interest: 'Intereses' },
    more: (n) => ` y ${n} más`,
  },
  en: {
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

/** A statement's lines as CSV: dates in the store's time zone, amounts in major units with a dot, charges positive. */
export function statementCsv(lines: Line[], options: { locale: Locale; currency: string; timeZone: string }): string {
  const words = labels[options.locale];
  const digits = minorDigits(options.currency);
  const rows = lines.map((line) => {
    const description = line.description ? `${line.description}${line.moreItems > 0 ? words.more(line.moreItems) : ''}` : words.kinds[line.kind];
    return [
      localDate(line.date, options.timeZone),
      textCell(description),
      line.installment ? `${line.installment.number}/${line.installment.count}` : '',
      textCell(words.kinds[line.kind]),
      (line.amount / 10 ** digits).toFixed(digits),
    ].join(',');
  });
  return `${[words.headers(options.currency).map(textCell).join(','), ...rows].join('\r\n')}\r\n`;
}
