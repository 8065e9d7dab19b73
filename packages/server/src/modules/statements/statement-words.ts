import type { Locale, StatementLine, StatementLineKind } from '@clientela/contract';

/** The words a statement is told in, the same on paper (PDF) and in a spreadsheet (CSV). */
export interface StatementWords {
  statement: string;
  inProgress: string;
  periodStart: string;
  closingDate: string;
  dueDate: string;
  /** The cycle's figures. */
  figures: {
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
    prepaymentCost: string;
  };
  rates: { revolving: string; installments: string; monthly: string; annual: string; cae: string };
  kinds: Record<StatementLineKind, string>;
  /** Said after the first item of a purchase of several. */
  more: (count: number) => string;
}

export const statementWords: Record<Locale, StatementWords> = {
  es: {
    statement: 'Estado de cuenta',
    inProgress: 'en curso',
    periodStart: 'Inicio del período',
    closingDate: 'Fecha de facturación',
    dueDate: 'Pagar hasta',
    figures: {
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
      prepaymentCost: 'Costo monetario de prepago',
    },
    rates: { revolving: 'Rotativo', installments: 'Compras en cuotas', monthly: 'Tasa mensual', annual: 'Tasa anual', cae: 'CAE' },
    kinds: { purchase: 'Compra', installment: 'Cuota', payment: 'Pago', credit: 'Devolución', fee: 'Comisión por atraso', interest: 'Intereses' },
    more: (count) => ` y ${count} más`,
  },
  en: {
    statement: 'Statement',
    inProgress: 'in progress',
    periodStart: 'Period start',
    closingDate: 'Closing date',
    dueDate: 'Pay by',
    figures: {
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
      prepaymentCost: 'Cost of prepaying',
    },
    rates: { revolving: 'Revolving', installments: 'Installment purchases', monthly: 'Monthly rate', annual: 'Annual rate', cae: 'CAE' },
    kinds: { purchase: 'Purchase', installment: 'Installment', payment: 'Payment', credit: 'Refund', fee: 'Late fee', interest: 'Interest' },
    more: (count) => ` and ${count} more`,
  },
};

/** What a line is, in words: what was bought (and how many more items), or the kind of line. */
export function lineDescription(line: Pick<StatementLine, 'kind' | 'description' | 'moreItems'>, words: StatementWords): string {
  if (!line.description) return words.kinds[line.kind];
  return line.moreItems > 0 ? `${line.description}${words.more(line.moreItems)}` : line.description;
}
