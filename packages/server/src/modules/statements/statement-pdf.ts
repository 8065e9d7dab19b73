import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { CreditRate, Locale, Statement } from '@clientela/contract';
import PDFDocument from 'pdfkit';
import { lineDescription, statementWords, type StatementWords } from './statement-words.ts';

/** Everything a statement's PDF shows. */
export interface StatementDocument {
  locale: Locale;
  currency: string;
  /** The store's time zone: dates print in it. */
  timeZone: string;
  merchantName: string;
  customer: { id: string; name: string };
  /** The statement with every one of its lines in `transactions.items`. */
  statement: Statement;
  /** When the document was made. */
  issuedAt: Date;
}

/** The PDF's own words, besides those it shares with the CSV. */
interface Words extends StatementWords {
  /** The BCP 47 tag that numbers and dates are formatted in, and the PDF's language. */
  languageTag: string;
  cardholder: string;
  customerId: string;
  issuedAt: string;
  payment: {
    heading: string;
    nonFinanceable: string;
    financeable: (amount: string, share: string) => string;
    interestFreeShare: string;
    pastDue: string;
    paidSinceClosing: string;
    remaining: string;
    minimumRemaining: string;
  };
  general: {
    heading: string;
    usedCredit: string;
    ratesHeading: string;
    caeNote: string;
  };
  period: { heading: string };
  upcoming: { heading: string; headers: [string, string]; none: string };
  payoff: {
    months: (months: number, interest: string) => string;
    never: string;
    minimumIsTotal: string;
    nothingOwed: string;
    payInFullSaves: (amount: string) => string;
  };
  prepayment: {
    heading: string;
    headers: [string, string, string, string, string];
    none: string;
    total: string;
    note: string;
  };
  transactions: { heading: string; headers: [string, string, string, string]; none: string };
  installment: (number: number, count: number) => string;
  page: (number: number, count: number) => string;
}

const labels: Record<Locale, Words> = {
  es: {
    ...statementWords.es,
    languageTag: 'es-CL',
    cardholder: 'Titular',
    customerId: 'N° de cliente',
    issuedAt: 'Fecha de emisión',
    payment: {
      heading: 'Información de pago',
      nonFinanceable: 'No financiable',
      financeable: (amount, share) => `Financiable (${amount}) × ${share}`,
      interestFreeShare: 'Cuotas sin interés del período en el mínimo',
      pastDue: 'Incluye mínimo impago anterior',
      paidSinceClosing: 'Pagado desde la facturación',
      remaining: 'Saldo por pagar',
      minimumRemaining: 'Mínimo por pagar',
    },
    general: {
      heading: 'Información general',
      usedCredit: 'Cupo utilizado',
      ratesHeading: 'Tasas',
      caeNote: 'CAE calculada para una operación de referencia de 12 cuotas mensuales.',
    },
    period: { heading: 'Período facturado' },
    upcoming: { heading: 'Próximos vencimientos', headers: ['Vencimiento', 'Monto'], none: 'Sin cuotas por vencer' },
    payoff: {
      months: (months, interest) =>
        `Si paga solo el monto mínimo cada mes y no hace nuevas compras, terminará de pagar este saldo en ${months} ${months === 1 ? 'mes' : 'meses'} y pagará ${interest} en intereses.`,
      never: 'Si paga solo el monto mínimo cada mes, este saldo no se termina de pagar nunca.',
      minimumIsTotal: 'El monto mínimo a pagar es el total facturado: pagándolo, esta deuda queda saldada sin intereses.',
      nothingOwed: 'Este estado de cuenta no tiene saldo por pagar.',
      payInFullSaves: (amount) => `Pagar el total facturado hasta la fecha de vencimiento le ahorra ${amount} en intereses.`,
    },
    prepayment: {
      heading: 'Costo de prepago',
      headers: ['Compra', 'Cuotas por facturar', 'Capital', 'Comisión', 'Total'],
      none: 'Sin compras en cuotas por facturar',
      total: 'Costo monetario de prepago',
      note: 'Lo que salda toda la deuda hoy: el monto facturado más el capital y la comisión de prepago de las cuotas por facturar.',
    },
    transactions: { heading: 'Detalle de movimientos', headers: ['Fecha', 'Descripción', 'Cuota', 'Monto'], none: 'Sin movimientos en el período' },
    installment: (number, count) => `${number} de ${count}`,
    page: (number, count) => `Página ${number} de ${count}`,
  },
  en: {
    ...statementWords.en,
    languageTag: 'en-US',
    cardholder: 'Cardholder',
    customerId: 'Customer no.',
    issuedAt: 'Issue date',
    payment: {
      heading: 'Payment information',
      nonFinanceable: 'Non-financeable',
      financeable: (amount, share) => `Financeable (${amount}) × ${share}`,
      interestFreeShare: "Share of the period's interest-free installments in the minimum",
      pastDue: 'Includes unpaid previous minimum',
      paidSinceClosing: 'Paid since closing',
      remaining: 'Balance left to pay',
      minimumRemaining: 'Minimum left to pay',
    },
    general: {
      heading: 'General information',
      usedCredit: 'Credit used',
      ratesHeading: 'Rates',
      caeNote: 'CAE (annual equivalent cost) computed for a reference operation of 12 monthly installments.',
    },
    period: { heading: 'Billing period' },
    upcoming: { heading: 'Upcoming payments', headers: ['Due date', 'Amount'], none: 'No installments coming due' },
    payoff: {
      months: (months, interest) =>
        `If you pay only the minimum each month and make no new purchases, you will pay off this balance in ${months} ${months === 1 ? 'month' : 'months'} and pay ${interest} in interest.`,
      never: 'If you pay only the minimum each month, this balance will never be paid off.',
      minimumIsTotal: 'The minimum payment is the whole balance: paying it clears this debt with no interest.',
      nothingOwed: 'This statement has no balance to pay.',
      payInFullSaves: (amount) => `Paying the full balance by the due date saves you ${amount} in interest.`,
    },
    prepayment: {
      heading: 'Cost of prepaying',
      headers: ['Purchase', 'Installments left', 'Capital', 'Commission', 'Total'],
      none: 'No installment purchases left to bill',
      total: 'Total cost of prepaying',
      note: 'What settles the whole debt today: the statement balance plus the capital and prepayment commission of the installments not billed yet.',
    },
    transactions: { heading: 'Transactions', headers: ['Date', 'Description', 'Installment', 'Amount'], none: 'No transactions in this period' },
    installment: (number, count) => `${number} of ${count}`,
    page: (number, count) => `Page ${number} of ${count}`,
  },
};

/** How money, rates and dates read in the shopper's language. */
interface Formats {
  money: (amount: number) => string;
  percent: (basisPoints: number) => string;
  /** A calendar date (`YYYY-MM-DD`), as is: it names a day, not an instant. */
  day: (isoDate: string) => string;
  /** An instant, on the store's calendar. */
  dayOf: (instant: Date) => string;
  /** A period (`YYYY-MM`) as its month's name and year. */
  month: (period: string) => string;
}

function formatsFor(words: Words, currency: string, timeZone: string): Formats {
  const currencyFormat = new Intl.NumberFormat(words.languageTag, { style: 'currency', currency });
  const minorUnits = 10 ** (currencyFormat.resolvedOptions().maximumFractionDigits ?? 0);
  const percentFormat = new Intl.NumberFormat(words.languageTag, { style: 'percent', minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const dayOptions = { day: '2-digit', month: '2-digit', year: 'numeric' } as const;
  const calendarDay = new Intl.DateTimeFormat(words.languageTag, { ...dayOptions, timeZone: 'UTC' });
  const storeDay = new Intl.DateTimeFormat(words.languageTag, { ...dayOptions, timeZone });
  const monthFormat = new Intl.DateTimeFormat(words.languageTag, { month: 'long', year: 'numeric', timeZone: 'UTC' });
  return {
    money: (amount) => currencyFormat.format(amount / minorUnits),
    percent: (basisPoints) => percentFormat.format(basisPoints / 10_000),
    day: (isoDate) => calendarDay.format(new Date(`${isoDate}T00:00:00Z`)),
    dayOf: (instant) => storeDay.format(instant),
    month: (period) => {
      const name = monthFormat.format(new Date(`${period}-01T00:00:00Z`));
      return name.charAt(0).toLocaleUpperCase(words.languageTag) + name.slice(1);
    },
  };
}

/** Payments and refunds are kept as positive figures and read as money in. */
const moneyIn = (amount: number) => (amount === 0 ? 0 : -amount);

// The standard PDF fonts only cover WinAnsi: a shopper's name in Greek or
// Cyrillic, or the narrow no-break space and minus sign that Intl emits, would
// print as garbage. DejaVu Sans covers Latin, Greek, Cyrillic, Armenian,
// Georgian, Hebrew and Arabic (not Chinese, Japanese, Korean or Thai); its
// condensed cut keeps tables readable on a narrow page. pdfkit embeds only the
// glyphs used.
const packageFile = createRequire(import.meta.url).resolve;
let fontsRead: Promise<{ regular: Buffer; bold: Buffer }> | undefined;
function dejaVuSans() {
  fontsRead ??= Promise.all([
    readFile(packageFile('dejavu-fonts-ttf/ttf/DejaVuSansCondensed.ttf')),
    readFile(packageFile('dejavu-fonts-ttf/ttf/DejaVuSansCondensed-Bold.ttf')),
  ]).then(([regular, bold]) => ({ regular, bold }));
  return fontsRead;
}

const ink = { text: '#1c2430', muted: '#5d6875', accent: '#0d4a6b', rule: '#d3d9e0', band: '#eef2f6', note: '#f6f4ec' };
const size = { title: 16, subtitle: 11, heading: 10, body: 8.5, small: 7.5 };
const margin = { top: 44, side: 44, bottom: 54 };
const cellPadding = { x: 4, y: 3.5 };
const detailIndent = 8;
const sectionGap = 14;
const gutter = 18;
/** A wrapped cell shows at most this many lines, the last one ending in an ellipsis. */
const maxCellLines = 3;
/** Room kept under a full-width section's heading for its table's header and first row. */
const underHeading = 48;

interface Column {
  /** Omitted on one column at most: it takes the width the others leave. */
  width?: number;
  align: 'left' | 'right';
  /** Wraps over lines; other cells are shortened to one line. */
  wraps?: boolean;
}

interface Row {
  cells: string[];
  strong?: boolean;
  /** Explains the row above it: indented and muted. */
  detail?: boolean;
}

interface TableOptions {
  x: number;
  width: number;
  /** Column titles, wrapped to fit and drawn again at the top of each new page. */
  header?: string[];
}

/**
 * A pdfkit document with a vertical cursor and the few pieces a statement is
 * made of. Pages break here, never inside pdfkit: its line wrapper would add
 * a page on its own in the middle of a table row.
 */
class Sheet {
  y = margin.top;
  constructor(readonly pdf: PDFKit.PDFDocument) {}

  get left() {
    return margin.side;
  }
  get width() {
    return this.pdf.page.width - 2 * margin.side;
  }

  style(weight: 'regular' | 'bold', points: number, color = ink.text) {
    this.pdf.font(weight).fontSize(points).fillColor(color);
    return this;
  }

  /** Starts a new page when less than `height` is left on this one; says whether it did. */
  reserve(height: number) {
    if (this.y + height <= this.pdf.page.height - margin.bottom) return false;
    this.pdf.addPage();
    this.y = margin.top;
    return true;
  }

  space(points: number) {
    this.y += points;
  }

  /** One line of text, shortened with an ellipsis to fit `width`. */
  line(text: string, x: number, y: number, width: number, align: 'left' | 'right' = 'left') {
    const fitted = this.fit(oneLine(text), width);
    const offset = align === 'right' ? width - this.pdf.widthOfString(fitted) : 0;
    this.pdf.text(fitted, x + offset, y, { lineBreak: false });
  }

  private fit(text: string, width: number) {
    if (this.pdf.widthOfString(text) <= width) return text;
    const characters = Array.from(text);
    const shortened = (kept: number) => `${characters.slice(0, kept).join('').trimEnd()}…`;
    // The longest start that fits with the ellipsis, by bisection: names can be long.
    let fits = 0;
    let tooLong = characters.length;
    while (tooLong - fits > 1) {
      const kept = Math.floor((fits + tooLong) / 2);
      if (this.pdf.widthOfString(shortened(kept)) <= width) fits = kept;
      else tooLong = kept;
    }
    return shortened(fits);
  }

  /** Text wrapped to `width`, cut with an ellipsis after `maxLines`; returns its height. */
  paragraph(text: string, x: number, y: number, width: number, options: { align?: 'left' | 'right'; maxLines?: number } = {}) {
    const height = this.paragraphHeight(text, width, options.maxLines);
    // With a height, pdfkit cuts the text instead of adding a page.
    this.pdf.text(oneLine(text), x, y, { width, height: height + 1, ellipsis: true, align: options.align ?? 'left' });
    return height;
  }

  paragraphHeight(text: string, width: number, maxLines = Number.POSITIVE_INFINITY) {
    return Math.min(this.pdf.heightOfString(oneLine(text), { width }), maxLines * this.pdf.currentLineHeight(true));
  }

  rule(x: number, width: number, thickness: number, color: string) {
    this.pdf.moveTo(x, this.y).lineTo(x + width, this.y).lineWidth(thickness).strokeColor(color).stroke();
  }

  /** A section's title, kept on the page with at least `keepWith` points of what follows. */
  heading(text: string, x = this.left, width = this.width, keepWith = 0) {
    this.style('bold', size.heading, ink.accent);
    this.reserve(this.pdf.currentLineHeight(true) + 5 + keepWith);
    this.line(text, x, this.y, width);
    this.y += this.pdf.currentLineHeight(true) + 2;
    this.rule(x, width, 0.8, ink.accent);
    this.y += 3;
  }

  /** Rows under an optional header row; a row that does not fit starts a new page, under the header row again. */
  table(columns: Column[], rows: Row[], options: TableOptions) {
    const fixed = columns.reduce((sum, column) => sum + (column.width ?? 0), 0);
    const widths = columns.map((column) => column.width ?? options.width - fixed);
    const header: Row | undefined = options.header && { cells: options.header, strong: true };
    const cellsOf = (row: Row) => {
      let x = options.x;
      return row.cells.map((text, index) => {
        const indent = row.detail && index === 0 ? detailIndent : 0;
        const width = widths[index] ?? 0;
        const cell = {
          text,
          x: x + cellPadding.x + indent,
          width: width - 2 * cellPadding.x - indent,
          align: columns[index]?.align ?? 'left',
          wraps: row === header || columns[index]?.wraps === true,
        };
        x += width;
        return cell;
      });
    };
    const styleOf = (row: Row) => this.style(row.strong ? 'bold' : 'regular', size.body, row === header || row.detail ? ink.muted : ink.text);
    const heightOf = (row: Row) => {
      styleOf(row);
      const heights = cellsOf(row).map((cell) => (cell.wraps ? this.paragraphHeight(cell.text, cell.width, maxCellLines) : this.pdf.currentLineHeight(true)));
      return Math.max(...heights) + 2 * cellPadding.y;
    };
    const draw = (row: Row) => {
      const height = heightOf(row);
      if (row === header) this.pdf.rect(options.x, this.y, options.width, height).fill(ink.band);
      // After the band, whose fill set the colour.
      styleOf(row);
      for (const cell of cellsOf(row)) {
        if (cell.wraps) this.paragraph(cell.text, cell.x, this.y + cellPadding.y, cell.width, { align: cell.align, maxLines: maxCellLines });
        else this.line(cell.text, cell.x, this.y + cellPadding.y, cell.width, cell.align);
      }
      this.y += height;
      if (row !== header) this.rule(options.x, options.width, 0.4, ink.rule);
    };
    if (header) {
      this.reserve(heightOf(header) + (rows[0] ? heightOf(rows[0]) : 0));
      draw(header);
    }
    for (const row of rows) {
      if (this.reserve(heightOf(row)) && header) draw(header);
      draw(row);
    }
  }

  /** Small print under a table. */
  footnote(text: string, x = this.left, width = this.width) {
    this.style('regular', size.small, ink.muted);
    this.y += 3;
    this.reserve(this.paragraphHeight(text, width));
    this.y += this.paragraph(text, x, this.y, width);
  }

  /** A shaded box of wrapped text across the page. */
  note(text: string) {
    const padding = 7;
    const inner = this.width - 2 * padding;
    this.style('regular', size.body);
    const height = this.paragraphHeight(text, inner) + 2 * padding;
    this.reserve(height);
    this.pdf.rect(this.left, this.y, this.width, height).fill(ink.note);
    this.style('regular', size.body); // the box's fill set the colour
    this.paragraph(text, this.left + padding, this.y + padding, inner);
    this.y += height;
  }

  /**
   * Two blocks side by side from the same height; the cursor ends under the
   * taller. Only for blocks of a few rows near the top of the first page:
   * a page break inside one would leave the other behind.
   */
  sideBySide(drawLeft: (x: number, width: number) => void, drawRight: (x: number, width: number) => void) {
    const half = (this.width - gutter) / 2;
    const top = this.y;
    drawLeft(this.left, half);
    const leftEnd = this.y;
    this.y = top;
    drawRight(this.left + half + gutter, half);
    this.y = Math.max(leftEnd, this.y);
  }
}

/** Line breaks and runs of spaces in names and descriptions read as one space. */
const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();

/** What every section prints from. */
interface Printout {
  document: StatementDocument;
  words: Words;
  format: Formats;
}

function header(sheet: Sheet, { document, words, format }: Printout) {
  const { statement } = document;
  const { left, width } = sheet;
  const brandWidth = width * 0.55;
  const titleWidth = width - brandWidth - gutter;
  const top = sheet.y;
  sheet.style('bold', size.title, ink.accent);
  const brandHeight = sheet.paragraph(document.merchantName, left, top, brandWidth, { maxLines: 2 });
  sheet.style('bold', size.title).line(words.statement, left + width - titleWidth, top, titleWidth, 'right');
  const periodTop = top + sheet.pdf.currentLineHeight(true) + 2;
  const period = `${format.month(statement.period)}${statement.status === 'open' ? ` (${words.inProgress})` : ''}`;
  sheet.style('regular', size.subtitle, ink.muted).line(period, left + width - titleWidth, periodTop, titleWidth, 'right');
  sheet.y = Math.max(top + brandHeight, periodTop + sheet.pdf.currentLineHeight(true)) + 6;
  sheet.rule(left, width, 1.2, ink.accent);
  sheet.space(10);

  const dates: Array<{ label: string; value: string; strong?: boolean }> = [
    { label: words.periodStart, value: format.day(statement.periodStart) },
    { label: words.closingDate, value: format.day(statement.closingDate) },
    { label: words.dueDate, value: format.day(statement.dueDate), strong: true },
    { label: words.issuedAt, value: format.dayOf(document.issuedAt) },
  ];
  sheet.sideBySide(
    (x, half) => {
      sheet.style('regular', size.small, ink.muted).line(words.cardholder, x, sheet.y, half);
      sheet.y += sheet.pdf.currentLineHeight(true) + 1;
      sheet.style('bold', size.subtitle);
      sheet.y += sheet.paragraph(document.customer.name, x, sheet.y, half, { maxLines: 2 }) + 2;
      sheet.style('regular', size.body, ink.muted).line(`${words.customerId}: ${document.customer.id}`, x, sheet.y, half);
      sheet.y += sheet.pdf.currentLineHeight(true);
    },
    (x, half) => {
      const labelWidth = half * 0.6;
      for (const { label, value, strong } of dates) {
        sheet.style(strong ? 'bold' : 'regular', size.body, strong ? ink.text : ink.muted).line(label, x, sheet.y, labelWidth);
        sheet.style('bold', size.body).line(value, x + labelWidth, sheet.y, half - labelWidth, 'right');
        sheet.y += sheet.pdf.currentLineHeight(true) + 2;
      }
    },
  );
}

/** A label that may wrap and an amount on the right. */
const figureColumns: Column[] = [{ align: 'left', wraps: true }, { width: 80, align: 'right' }];

function paymentInformation(sheet: Sheet, { document, words, format }: Printout, x: number, width: number) {
  const { statement } = document;
  const w = words.payment;
  const rows: Row[] = [
    { cells: [words.figures.closingBalance, format.money(statement.closingBalance)], strong: true },
    { cells: [words.figures.minimumPayment, format.money(statement.minimumPayment)], strong: true },
  ];
  if (statement.minimum) {
    const { minimum } = statement;
    rows.push(
      { cells: [w.nonFinanceable, format.money(minimum.nonFinanceable)], detail: true },
      {
        cells: [
          w.financeable(format.money(minimum.financeable), format.percent(minimum.financeableShareBps)),
          // What the minimum asks of the financeable part: the two rows add up to the minimum.
          format.money(Math.max(0, statement.minimumPayment - minimum.nonFinanceable)),
        ],
        detail: true,
      },
    );
    if (minimum.pastDue > 0) rows.push({ cells: [w.pastDue, format.money(minimum.pastDue)], detail: true });
    if (minimum.interestFreeInstallmentsShareBps > 0) rows.push({ cells: [w.interestFreeShare, format.percent(minimum.interestFreeInstallmentsShareBps)], detail: true });
  }
  if (statement.settlement) {
    const { settlement } = statement;
    rows.push(
      { cells: [w.paidSinceClosing, format.money(settlement.paid)] },
      { cells: [w.remaining, format.money(settlement.remaining)], strong: true },
      { cells: [w.minimumRemaining, format.money(settlement.minimumRemaining)] },
    );
  }
  if (statement.prepayment) rows.push({ cells: [words.figures.prepaymentCost, format.money(statement.prepayment.total)] });
  sheet.heading(w.heading, x, width);
  sheet.table(figureColumns, rows, { x, width });
}

function generalInformation(sheet: Sheet, { document, words, format }: Printout, x: number, width: number) {
  const { statement } = document;
  const w = words.general;
  sheet.heading(w.heading, x, width);
  sheet.table(
    figureColumns,
    [
      { cells: [words.figures.creditLimit, format.money(statement.creditLimit)] },
      { cells: [w.usedCredit, format.money(statement.creditLimit - statement.availableCredit)] },
      { cells: [words.figures.availableCredit, format.money(statement.availableCredit)], strong: true },
    ],
    { x, width },
  );
  if (!statement.rates) return;
  const rate = (name: string, { monthlyBps, annualBps, caeBps }: CreditRate): Row => ({
    cells: [name, format.percent(monthlyBps), format.percent(annualBps), format.percent(caeBps)],
  });
  const rateColumn: Column = { width: 52, align: 'right' };
  sheet.space(8);
  const { rates } = words;
  sheet.table([{ align: 'left', wraps: true }, rateColumn, rateColumn, rateColumn], [rate(rates.revolving, statement.rates.revolving), rate(rates.installments, statement.rates.installments)], {
    x,
    width,
    header: [w.ratesHeading, rates.monthly, rates.annual, rates.cae],
  });
  sheet.footnote(w.caeNote, x, width);
}

function periodFigures(sheet: Sheet, { document, words, format }: Printout, x: number, width: number) {
  const { statement } = document;
  const w = words.figures;
  sheet.heading(words.period.heading, x, width);
  sheet.table(
    figureColumns,
    [
      { cells: [w.previousBalance, format.money(statement.previousBalance)] },
      { cells: [w.purchases, format.money(statement.purchases)] },
      { cells: [w.installments, format.money(statement.installments)] },
      { cells: [w.payments, format.money(moneyIn(statement.payments))] },
      { cells: [w.credits, format.money(moneyIn(statement.credits))] },
      { cells: [w.fees, format.money(statement.fees)] },
      { cells: [w.interest, format.money(statement.interest)] },
      { cells: [w.closingBalance, format.money(statement.closingBalance)], strong: true },
    ],
    { x, width },
  );
}

function upcomingInstallments(sheet: Sheet, { document, words, format }: Printout, x: number, width: number) {
  const upcoming = document.statement.upcomingInstallments;
  if (!upcoming) return;
  const w = words.upcoming;
  const rows = upcoming.length > 0 ? upcoming.map((cycle) => ({ cells: [format.day(cycle.dueDate), format.money(cycle.amount)] })) : [{ cells: [w.none, ''] }];
  sheet.heading(w.heading, x, width);
  sheet.table(figureColumns, rows, { x, width, header: w.headers });
}

function payoffHint({ document, words, format }: Printout) {
  const { payoff } = document.statement;
  const { months, totalInterest } = payoff.minimumOnly;
  const w = words.payoff;
  const howLong =
    months === null ? w.never : months === 0 ? w.nothingOwed : months === 1 && totalInterest === 0 ? w.minimumIsTotal : w.months(months, format.money(totalInterest));
  return payoff.payInFullSaves > 0 ? `${howLong} ${w.payInFullSaves(format.money(payoff.payInFullSaves))}` : howLong;
}

function prepaymentPlans(sheet: Sheet, { document, words, format }: Printout) {
  const { prepayment } = document.statement;
  if (!prepayment) return;
  const w = words.prepayment;
  const rows: Row[] =
    prepayment.plans.length > 0
      ? prepayment.plans.map((plan) => ({
          cells: [plan.description, String(plan.installmentsLeft), format.money(plan.capital), format.money(plan.commission), format.money(plan.capital + plan.commission)],
        }))
      : [{ cells: [w.none, '', '', '', ''] }];
  rows.push({ cells: [w.total, '', '', '', format.money(prepayment.total)], strong: true });
  const figure: Column = { width: 80, align: 'right' };
  sheet.space(sectionGap);
  sheet.heading(w.heading, sheet.left, sheet.width, underHeading);
  sheet.table([{ align: 'left', wraps: true }, { width: 70, align: 'right' }, figure, figure, figure], rows, { x: sheet.left, width: sheet.width, header: w.headers });
  sheet.footnote(w.note);
}

function transactions(sheet: Sheet, { document, words, format }: Printout) {
  const w = words.transactions;
  const lines = document.statement.transactions.items;
  const rows: Row[] =
    lines.length > 0
      ? lines.map((line) => ({
          cells: [
            format.dayOf(new Date(line.date)),
            lineDescription(line, words),
            line.installment ? words.installment(line.installment.number, line.installment.count) : '',
            format.money(line.amount),
          ],
        }))
      : [{ cells: ['', w.none, '', ''] }];
  sheet.space(sectionGap);
  sheet.heading(w.heading, sheet.left, sheet.width, underHeading);
  sheet.table(
    [
      { width: 64, align: 'left' },
      { align: 'left', wraps: true },
      { width: 64, align: 'left' },
      { width: 96, align: 'right' },
    ],
    rows,
    { x: sheet.left, width: sheet.width, header: w.headers },
  );
}

/** The store, the statement and the page number on every page, once the page count is known. */
function footers(sheet: Sheet, { document, words, format }: Printout) {
  const { pdf, left, width } = sheet;
  const range = pdf.bufferedPageRange();
  const caption = `${document.merchantName} · ${words.statement} ${format.month(document.statement.period)} · ${document.customer.name}`;
  const captionWidth = width * 0.75;
  for (let index = 0; index < range.count; index++) {
    pdf.switchToPage(range.start + index);
    sheet.y = pdf.page.height - margin.bottom + 12;
    sheet.rule(left, width, 0.4, ink.rule);
    const y = sheet.y + 6;
    sheet.style('regular', size.small, ink.muted).line(caption, left, y, captionWidth);
    sheet.line(words.page(index + 1, range.count), left + captionWidth, y, width - captionWidth, 'right');
  }
}

function bytesOf(pdf: PDFKit.PDFDocument): Promise<Uint8Array<ArrayBuffer>> {
  return new Promise((resolve, reject) => {
    const chunks: Uint8Array[] = [];
    pdf.on('data', (chunk: Uint8Array) => chunks.push(chunk));
    pdf.on('error', reject);
    pdf.on('end', () => {
      const bytes = new Uint8Array(chunks.reduce((length, chunk) => length + chunk.length, 0));
      let offset = 0;
      for (const chunk of chunks) {
        bytes.set(chunk, offset);
        offset += chunk.length;
      }
      resolve(bytes);
    });
  });
}

/**
 * A statement as the store sends it, on A4 in the shopper's language: the
 * header and dates, payment and general information with the rates and CAE,
 * the period's figures, the coming installments, the payoff hint, the cost of
 * prepaying and every line, with page numbers. The same input gives the same
 * bytes: the document's date is `issuedAt`.
 */
export async function statementPdf(document: StatementDocument): Promise<Uint8Array<ArrayBuffer>> {
  const words = labels[document.locale];
  const format = formatsFor(words, document.currency, document.timeZone);
  const printout: Printout = { document, words, format };
  const fonts = await dejaVuSans();
  const pdf = new PDFDocument({
    size: 'A4',
    margins: { top: margin.top, bottom: margin.bottom, left: margin.side, right: margin.side },
    bufferPages: true,
    lang: words.languageTag,
    displayTitle: true,
    info: {
      Title: `${words.statement} ${format.month(document.statement.period)} · ${document.merchantName}`,
      Author: document.merchantName,
      Subject: `${words.statement} ${document.statement.period}`,
      Creator: 'Clientela',
      CreationDate: document.issuedAt,
    },
  });
  const bytes = bytesOf(pdf);
  pdf.registerFont('regular', fonts.regular);
  pdf.registerFont('bold', fonts.bold);
  const sheet = new Sheet(pdf);

  header(sheet, printout);
  sheet.space(sectionGap);
  sheet.sideBySide(
    (x, width) => paymentInformation(sheet, printout, x, width),
    (x, width) => generalInformation(sheet, printout, x, width),
  );
  sheet.space(sectionGap);
  sheet.sideBySide(
    (x, width) => periodFigures(sheet, printout, x, width),
    (x, width) => upcomingInstallments(sheet, printout, x, width),
  );
  sheet.space(sectionGap);
  sheet.note(payoffHint(printout));
  prepaymentPlans(sheet, printout);
  transactions(sheet, printout);
  footers(sheet, printout);
  pdf.end();
  return bytes;
}
