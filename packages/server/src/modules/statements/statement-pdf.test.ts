import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import type { Locale, Statement, StatementLine, StatementLineKind } from '@clientela/contract';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { statementPdf, type StatementDocument } from './statement-pdf.ts';

const kinds: StatementLineKind[] = ['purchase', 'installment', 'payment', 'credit', 'fee', 'interest'];
const products = [
  'Freidora de aire',
  'Zapatillas de running con suela de goma antideslizante, plantilla acolchada y malla transpirable',
  'Polera de algodón',
  'Smart TV 55" 4K',
];

/** Every kind of line in turn, on days 1 to 20 of January at noon in Santiago; some purchases with more items, installments "2 of 6". */
function linesOf(count: number): StatementLine[] {
  return Array.from({ length: count }, (_, index) => {
    const kind = kinds[index % kinds.length] ?? 'purchase';
    const bought = kind === 'purchase' || kind === 'installment';
    const moneyIn = kind === 'payment' || kind === 'credit';
    return {
      kind,
      date: new Date(Date.UTC(2026, 0, 1 + (index % 20), 15)).toISOString(),
      description: bought ? (products[index % products.length] ?? '') : '',
      moreItems: kind === 'purchase' && index % 4 === 0 ? 2 : 0,
      amount: (moneyIn ? -1 : 1) * (1_000 + index * 137),
      installment: kind === 'installment' ? { number: 2, count: 6 } : null,
      orderId: bought ? `o-${index}` : null,
      purchaseTotal: kind === 'installment' ? 60_000 : null,
    };
  });
}

function closedStatement(items: StatementLine[]): Statement {
  return {
    period: '2026-01',
    status: 'closed',
    periodStart: '2025-12-21',
    closingDate: '2026-01-20',
    dueDate: '2026-01-30',
    closingBalance: 845_320,
    minimumPayment: 61_500,
    settlement: { paid: 20_000, remaining: 825_320, minimumRemaining: 41_500, overdue: false },
    currency: 'CLP',
    previousBalance: 500_000,
    purchases: 300_000,
    installments: 120_000,
    payments: 100_000,
    credits: 5_000,
    fees: 5_990,
    interest: 24_330,
    creditLimit: 1_500_000,
    pendingInstallments: 400_000,
    availableCredit: 254_680,
    minimum: { nonFinanceable: 40_000, financeable: 430_000, financeableShareBps: 500, interestFreeInstallmentsShareBps: 0, pastDue: 0 },
    rates: {
      revolving: { monthlyBps: 250, annualBps: 3_000, caeBps: 3_489 },
      installments: { monthlyBps: 199, annualBps: 2_388, caeBps: 2_745 },
    },
    upcomingInstallments: [
      { period: '2026-02', dueDate: '2026-03-02', amount: 120_000 },
      { period: '2026-03', dueDate: '2026-03-30', amount: 110_000 },
      { period: '2026-04', dueDate: '2026-04-30', amount: 80_000 },
      { period: '2026-05', dueDate: '2026-06-01', amount: 40_000 },
    ],
    prepayment: {
      total: 1_250_000,
      plans: [
        { orderId: 'o-3', description: 'Smart TV 55" 4K', purchaseTotal: 600_000, installmentsLeft: 4, scheduled: 400_000, capital: 380_000, commission: 7_562 },
        { orderId: 'o-1', description: 'Freidora de aire', purchaseTotal: 60_000, installmentsLeft: 1, scheduled: 20_000, capital: 20_000, commission: 0 },
      ],
    },
    payoff: { minimumOnly: { months: 23, totalInterest: 187_450 }, payInFullSaves: 21_130 },
    transactionCount: items.length,
    transactions: { items, nextCursor: null },
  };
}

function documentOf(statement: Statement, locale: Locale, customerName = 'María José Núñez'): StatementDocument {
  return {
    locale,
    currency: statement.currency,
    timeZone: 'America/Santiago',
    merchantName: 'Tienda Ñandú',
    customer: { id: 'cli-00042', name: customerName },
    statement,
    issuedAt: new Date('2026-01-21T12:00:00Z'),
  };
}

/** Runs of white space, including the no-break spaces Intl puts in amounts, read as one space. */
const spaced = (text: string) => text.replace(/\s+/g, ' ').trim();

/** What a reader of the PDF sees: each page's text, in drawing order, and the document's metadata. */
async function read(bytes: Uint8Array) {
  // pdfjs takes ownership of the buffer it is given.
  const pdf = await getDocument({ data: bytes.slice(), verbosity: 0 }).promise;
  const pages: string[] = [];
  for (let number = 1; number <= pdf.numPages; number++) {
    const content = await (await pdf.getPage(number)).getTextContent();
    pages.push(spaced(content.items.map((item) => ('str' in item ? item.str : '')).join(' ')));
  }
  const { info } = await pdf.getMetadata();
  await pdf.destroy();
  return { pages, text: pages.join(' '), info: info as Record<string, unknown> };
}

function assertHas(text: string, expected: string[]) {
  for (const phrase of expected) assert.ok(text.includes(spaced(phrase)), `the PDF should read "${phrase}"`);
}

const day = (isoDateTime: string, locale: Locale) => {
  const [year, month, date] = isoDateTime.slice(0, 10).split('-');
  return locale === 'es' ? `${date}-${month}-${year}` : `${month}/${date}/${year}`;
};

describe('statement PDF', () => {
  const lines = linesOf(120);
  const statement = closedStatement(lines);
  let spanish: Uint8Array;
  let english: Uint8Array;

  before(async () => {
    [spanish, english] = await Promise.all([statementPdf(documentOf(statement, 'es')), statementPdf(documentOf(statement, 'en'))]);
  });

  test('is a PDF of several numbered pages, the lines table headed on each one', async () => {
    assert.equal(Buffer.from(spanish.subarray(0, 5)).toString('latin1'), '%PDF-');
    assert.match(Buffer.from(spanish.subarray(-8)).toString('latin1'), /%%EOF\s*$/);
    const { pages } = await read(spanish);
    assert.ok(pages.length >= 3, `120 lines should take several pages, not ${pages.length}`);
    pages.forEach((page, index) => {
      assert.ok(page.endsWith(`Página ${index + 1} de ${pages.length}`), `page ${index + 1} should be numbered`);
      if (index > 0) assert.ok(page.startsWith('Fecha Descripción Cuota Monto'), `page ${index + 1} should start with the table's header`);
    });
  });

  test('in Spanish: header, payment and general information, rates and CAE, period, upcoming installments, prepayment and payoff', async () => {
    const { text } = await read(spanish);
    assertHas(text, [
      'Tienda Ñandú Estado de cuenta Enero de 2026',
      'Titular María José Núñez N° de cliente: cli-00042',
      'Inicio del período 21-12-2025',
      'Fecha de facturación 20-01-2026',
      'Pagar hasta 30-01-2026',
      'Fecha de emisión 21-01-2026',
      'Monto total facturado $845.320',
      'Monto mínimo a pagar $61.500',
      'No financiable $40.000',
      'Financiable ($430.000) × 5,00% $21.500',
      'Pagado desde la facturación $20.000',
      'Saldo por pagar $825.320',
      'Mínimo por pagar $41.500',
      'Costo monetario de prepago $1.250.000',
      'Cupo total $1.500.000',
      'Cupo utilizado $1.245.320',
      'Cupo disponible $254.680',
      'Tasas Tasa mensual Tasa anual CAE',
      'Rotativo 2,50% 30,00% 34,89%',
      'Compras en cuotas 1,99% 23,88% 27,45%',
      'CAE calculada para una operación de referencia de 12 cuotas mensuales.',
      'Saldo anterior $500.000',
      'Compras $300.000',
      'Cuotas $120.000',
      'Pagos $-100.000',
      'Devoluciones $-5.000',
      'Comisiones $5.990',
      'Intereses $24.330',
      'Intereses $24.330 Monto total facturado $845.320',
      'Próximos vencimientos Vencimiento Monto 02-03-2026 $120.000 30-03-2026 $110.000 30-04-2026 $80.000 01-06-2026 $40.000',
      'Smart TV 55" 4K 4 $380.000 $7.562 $387.562',
      'Freidora de aire 1 $20.000 $0 $20.000',
      'terminará de pagar este saldo en 23 meses y pagará $187.450 en intereses.',
      'le ahorra $21.130 en intereses.',
    ]);
    assert.ok(!text.includes('en curso'), 'a closed statement is not marked in progress');
  });

  test('in Spanish: every line with its date, description, installment and amount', async () => {
    const { text } = await read(spanish);
    const names: Record<StatementLineKind, string> = { purchase: 'Compra', installment: 'Cuota', payment: 'Pago', credit: 'Devolución', fee: 'Comisión por atraso', interest: 'Intereses' };
    const amount = new Intl.NumberFormat('es-CL', { style: 'currency', currency: 'CLP' });
    for (const line of lines) {
      const description = line.description ? `${line.description}${line.moreItems > 0 ? ` y ${line.moreItems} más` : ''}` : names[line.kind];
      const installment = line.installment ? ` ${line.installment.number} de ${line.installment.count}` : '';
      assertHas(text, [`${day(line.date, 'es')} ${description}${installment} ${amount.format(line.amount)}`]);
    }
  });

  test('in English: the same statement with English labels, numbers and dates', async () => {
    const { text, pages } = await read(english);
    assertHas(text, [
      'Tienda Ñandú Statement January 2026',
      'Cardholder María José Núñez Customer no.: cli-00042',
      'Period start 12/21/2025',
      'Closing date 01/20/2026',
      'Pay by 01/30/2026',
      'Issue date 01/21/2026',
      'Statement balance CLP 845,320',
      'Minimum payment CLP 61,500',
      'Financeable (CLP 430,000) × 5.00% CLP 21,500',
      'Credit used CLP 1,245,320',
      'Revolving 2.50% 30.00% 34.89%',
      'Installment purchases 1.99% 23.88% 27.45%',
      'computed for a reference operation of 12 monthly installments',
      'Payments -CLP 100,000',
      'Refunds -CLP 5,000',
      'Upcoming payments Due date Amount 03/02/2026 CLP 120,000 03/30/2026 CLP 110,000 04/30/2026 CLP 80,000 06/01/2026 CLP 40,000',
      'you will pay off this balance in 23 months and pay CLP 187,450 in interest.',
      `Page ${pages.length} of ${pages.length}`,
    ]);
    const names: Record<StatementLineKind, string> = { purchase: 'Purchase', installment: 'Installment', payment: 'Payment', credit: 'Refund', fee: 'Late fee', interest: 'Interest' };
    const amount = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'CLP' });
    for (const line of lines) {
      const description = line.description ? `${line.description}${line.moreItems > 0 ? ` and ${line.moreItems} more` : ''}` : names[line.kind];
      const installment = line.installment ? ` ${line.installment.number} of ${line.installment.count}` : '';
      assertHas(text, [`${day(line.date, 'en')} ${description}${installment} ${amount.format(line.amount)}`]);
    }
    for (const spanishWord of ['Estado de cuenta', 'Página', 'Pagar hasta', 'Devolución']) assert.ok(!text.includes(spanishWord), `no "${spanishWord}" in English`);
  });

  test('carries its title, author, language and issue date; the same statement gives the same bytes', async () => {
    const { info } = await read(spanish);
    assert.equal(info.Title, 'Estado de cuenta Enero de 2026 · Tienda Ñandú');
    assert.equal(info.Author, 'Tienda Ñandú');
    assert.equal(info.Language, 'es-CL');
    assert.equal(info.CreationDate, 'D:20260121120000Z');
    assert.equal((await read(english)).info.Language, 'en-US');
    assert.deepEqual(await statementPdf(documentOf(statement, 'es')), spanish);
  });

  test('a statement closed before the disclosures were kept, still open: no breakdown, rates, upcoming installments or prepayment', async () => {
    const open: Statement = {
      ...closedStatement(linesOf(3)),
      status: 'open',
      settlement: null,
      minimum: null,
      rates: null,
      upcomingInstallments: null,
      prepayment: null,
      payoff: { minimumOnly: { months: null, totalInterest: 0 }, payInFullSaves: 0 },
    };
    const { text, pages } = await read(await statementPdf(documentOf(open, 'es')));
    assert.equal(pages.length, 1);
    assertHas(text, [
      'Enero de 2026 (en curso)',
      'Monto total facturado $845.320',
      'Monto mínimo a pagar $61.500',
      'Cupo disponible $254.680',
      'Intereses $24.330 Monto total facturado $845.320',
      'Si paga solo el monto mínimo cada mes, este saldo no se termina de pagar nunca.',
      '01-01-2026 Freidora de aire y 2 más $1.000',
      'Página 1 de 1',
    ]);
    for (const omitted of ['No financiable', 'Pagado desde', 'Costo monetario de prepago', 'Tasa mensual', 'CAE', 'Próximos vencimientos', 'Costo de prepago', 'le ahorra']) {
      assert.ok(!text.includes(omitted), `"${omitted}" should be left out`);
    }
  });

  test('a period without lines, whose minimum is the whole balance, in US dollars', async () => {
    const quiet: Statement = {
      ...closedStatement([]),
      currency: 'USD',
      closingBalance: 123_456,
      minimumPayment: 123_456,
      upcomingInstallments: [],
      prepayment: { total: 123_456, plans: [] },
      payoff: { minimumOnly: { months: 1, totalInterest: 0 }, payInFullSaves: 0 },
    };
    const { text } = await read(await statementPdf(documentOf(quiet, 'en')));
    assertHas(text, [
      'Statement balance $1,234.56',
      'Minimum payment $1,234.56',
      'Upcoming payments Due date Amount No installments coming due',
      'No installment purchases left to bill',
      'Total cost of prepaying $1,234.56',
      'The minimum payment is the whole balance: paying it clears this debt with no interest.',
      'Transactions Date Description Installment Amount No transactions in this period',
    ]);
  });

  test("prints a cardholder's name in any of the scripts its embedded font covers", async () => {
    const name = 'Zoë Ñúñez Οδυσσέας Жанна Ղազարյան';
    const bytes = await statementPdf(documentOf(closedStatement(linesOf(2)), 'es', name));
    assertHas((await read(bytes)).text, [`Titular ${name}`]);
    const source = Buffer.from(bytes).toString('latin1');
    assert.ok(source.includes('/FontFile2'), 'the font is embedded');
    assert.ok(!source.includes('/Helvetica'), 'no standard font, limited to WinAnsi, is used');
  });
});
