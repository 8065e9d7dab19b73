import { createClient } from '@clientela/client';
import type { Statement, StatementList, StatementSummary } from '@clientela/contract';
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { nothing } from 'lit';
import { emulateMedia, sendKeys, setViewport } from '@web/test-runner-commands';
import { CrmErrorEvent } from '../../events/error.ts';
import { CrmStatementPayEvent } from '../../events/statement-pay.ts';
import { nextDownload } from '../../testing/next-download.ts';
import { defineShopperStateProvider } from '../../testing/shopper-state-provider.ts';
import { addBulkPayments, asMerchant, fetchAsShopper, fetchMe, latestPeriodWithTransactions, mintSession } from '../../../../../test/browser/server-commands.ts';
import type { CrmPortal } from '../portal/portal.component.ts';
import '../portal/portal.ts';
import type { CrmAccountStatement } from './account-statement.component.ts';
import './account-statement.ts';

defineShopperStateProvider();

const shadow = (element: Element) => element.shadowRoot!;
const part = (element: Element, name: string) => shadow(element).querySelector<HTMLElement>(`[part~='${name}']`);
const text = (element: Element | null | undefined) => element?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const rows = (element: Element) => [...shadow(element).querySelectorAll('[part~=table] tbody tr')];
const figure = (element: Element, label: string) => {
  const term = [...shadow(element).querySelectorAll('dt')].find((dt) => text(dt) === label);
  return text(term?.nextElementSibling);
};
const picker = (element: Element) => part(element, 'period-picker') as HTMLSelectElement;
const radios = (element: Element) => [...shadow(element).querySelectorAll<HTMLInputElement>('[part~=pay-form] input[type=radio]')];
const payStatus = (element: Element) => text(part(element, 'pay-status'));

async function statementFor(customerId: string, options: { locale?: string; pageSize?: number; period?: string } = {}) {
  const { token } = await mintSession(customerId);
  const portal = await fixture<CrmPortal>(html`<crm-portal api=${location.origin} publishable-key="pk_test_demo" token=${token} locale=${options.locale ?? 'es'}>
    <crm-account-statement page-size=${options.pageSize ?? 50} period=${options.period ?? nothing}></crm-account-statement>
  </crm-portal>`);
  const element = portal.querySelector('crm-account-statement')!;
  await waitUntil(() => part(element, 'summary') || part(element, 'message'), 'the statement loads', { timeout: 8000 });
  return { portal, element };
}

const clp = (amount: number) => new Intl.NumberFormat('es-CL', { style: 'currency', currency: 'CLP' }).format(amount);
const month = (period: string) => new Intl.DateTimeFormat('es-CL', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${period}-15T12:00:00Z`));
const latestClosed = (list: StatementList): StatementSummary | undefined => list.statements.find((s) => s.status === 'closed');

// Shoppers a test pays for, or relies on not being paid for, are each used by one test only.
const claimed = new Set<string>();

/**
 * A demo shopper whose statements pass `test`, from those no other test file
 * uses. The demo data is laid out relative to when it was seeded, so who owes
 * what is looked up rather than assumed.
 */
async function shopperWhere(test: (list: StatementList) => boolean): Promise<{ id: string; list: StatementList }> {
  for (let n = 5; n < 50; n++) {
    const id = `cli-${String(n).padStart(4, '0')}`;
    if (claimed.has(id)) continue;
    const list = await fetchAsShopper<StatementList>(id, '/v1/me/statements');
    if (list.account && test(list)) {
      claimed.add(id);
      return { id, list };
    }
  }
  throw new Error('no demo shopper has such statements');
}

const stillToPay = (list: StatementList) => (latestClosed(list)?.settlement?.remaining ?? 0) > 0;

/** Opens the pay form and waits for it. */
async function openPayForm(element: Element): Promise<HTMLFormElement> {
  part(element, 'pay-button')!.click();
  await waitUntil(() => part(element, 'pay-form') && shadow(element).activeElement?.matches('input[type=radio]'), 'the pay form opens, focus on its choice');
  return part(element, 'pay-form') as HTMLFormElement;
}

/** Chooses "another amount" in the pay form and types `typed` into it, as a shopper would. */
async function typeOtherAmount(element: Element, typed: string): Promise<HTMLInputElement> {
  const other = radios(element).find((radio) => radio.value === 'other')!;
  if (!other.checked) {
    other.click();
    await waitUntil(() => part(element, 'pay-amount'), 'the amount input shows');
  }
  const input = part(element, 'pay-amount') as HTMLInputElement;
  input.value = '';
  input.focus();
  if (typed) await sendKeys({ type: typed });
  return input;
}

describe('<crm-account-statement>', () => {
  it("shows the open cycle's figures as the API computes them, with installments as «n de m»", async () => {
    const list = await fetchAsShopper<StatementList>('cli-0001', '/v1/me/statements');
    const open = list.statements[0]!;
    const expected = await fetchAsShopper<Statement>('cli-0001', `/v1/me/statements/${open.period}`);
    const { element } = await statementFor('cli-0001', { period: open.period });
    expect(figure(element, 'Saldo a la fecha')).to.equal(clp(expected.closingBalance));
    expect(figure(element, 'Pago mínimo')).to.equal(clp(expected.minimumPayment));
    expect(figure(element, 'Cupo disponible')).to.equal(clp(expected.availableCredit));
    expect(figure(element, 'Cupo total')).to.equal(clp(expected.creditLimit));
    expect(rows(element)).to.have.length(Math.min(50, expected.transactionCount));
    const installment = expected.transactions.items.find((line) => line.installment);
    if (installment) {
      expect(rows(element).map((row) => text(row.children[2]))).to.include(`${installment.installment!.number} de ${installment.installment!.count}`);
    }
    const options = [...shadow(element).querySelectorAll('option')].map((option) => option.value);
    expect(options).to.deep.equal(list.statements.map((s) => s.period));
    await expect(element).to.be.accessible();
  });

  it('states the minimum payment’s make-up, the rates and CAE, the coming installments and the cost of prepaying', async () => {
    const { period } = await latestPeriodWithTransactions('cli-0002');
    const expected = await fetchAsShopper<Statement>('cli-0002', `/v1/me/statements/${period}`);
    const { element } = await statementFor('cli-0002', { period });
    const { minimum, rates, upcomingInstallments, prepayment } = expected;
    expect(minimum && rates && upcomingInstallments && prepayment, 'the API discloses them').to.not.equal(null);

    const share = new Intl.NumberFormat('es-CL', { style: 'percent', maximumFractionDigits: 2 }).format(minimum!.financeableShareBps / 10_000);
    const nonFinanceable = minimum!.pastDue > 0 ? `No financiable Incluye ${clp(minimum!.pastDue)} impagos del mínimo anterior` : 'No financiable';
    expect(figure(element, nonFinanceable)).to.equal(clp(minimum!.nonFinanceable));
    expect(figure(element, `${share} de ${clp(minimum!.financeable)} financiable`)).to.equal(clp(expected.minimumPayment - minimum!.nonFinanceable));
    expect(text(shadow(element).querySelector('[part~=minimum] dd.total'))).to.equal(clp(expected.minimumPayment));

    const rate = (bps: number) => new Intl.NumberFormat('es-CL', { style: 'percent', minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(bps / 10_000);
    const rateRows = [...shadow(element).querySelectorAll('[part~=rates] tbody tr')].map((row) => [...row.children].map(text));
    expect(rateRows).to.deep.equal([
      ['Tasa mensual', rate(rates!.revolving.monthlyBps), rate(rates!.installments.monthlyBps)],
      ['Tasa anual', rate(rates!.revolving.annualBps), rate(rates!.installments.annualBps)],
      ['CAE', rate(rates!.revolving.caeBps), rate(rates!.installments.caeBps)],
    ]);
    expect([...shadow(element).querySelectorAll('[part~=rates] thead th')].map(text)).to.deep.equal(['Crédito rotativo', 'Compras en cuotas']);

    const upcoming = [...shadow(element).querySelectorAll('[part~=upcoming] tbody tr')].map((row) => text(row.children[1]));
    expect(upcoming).to.deep.equal(upcomingInstallments!.map((due) => clp(due.amount)));
    expect(text(shadow(element).querySelector('[part~=upcoming] h3'))).to.equal('Próximos vencimientos');

    expect(figure(element, 'Salda toda tu deuda a la fecha de este estado de cuenta')).to.equal(clp(prepayment!.total));
    expect(shadow(element).querySelectorAll('[part~=prepayment] tbody tr')).to.have.length(prepayment!.plans.length);
    await expect(element).to.be.accessible();
  });

  it('opens the latest closed statement while some of it is still to pay, and the cycle in progress once it is paid', async () => {
    const due = await shopperWhere(stillToPay);
    const closed = latestClosed(due.list)!;
    const { element } = await statementFor(due.id);
    expect(picker(element).value).to.equal(closed.period);
    expect(figure(element, 'Saldo facturado')).to.equal(clp(closed.closingBalance));
    expect(figure(element, 'Pagado desde el cierre')).to.equal(clp(closed.settlement!.paid));
    expect(figure(element, 'Por pagar')).to.equal(clp(closed.settlement!.remaining));
    expect(figure(element, 'Mínimo por pagar')).to.equal(clp(closed.settlement!.minimumRemaining));

    const settled = await shopperWhere((list) => list.statements[0]!.status === 'open' && latestClosed(list)?.settlement?.remaining === 0);
    const { element: other } = await statementFor(settled.id);
    expect(picker(other).value).to.equal(settled.list.statements[0]!.period);
    expect(figure(other, 'Saldo a la fecha')).to.equal(clp(settled.list.statements[0]!.closingBalance));
  });

  it('loads the period picked, from the first pick on, and the one the page sets', async () => {
    const list = await fetchAsShopper<StatementList>('cli-0001', '/v1/me/statements');
    const { element } = await statementFor('cli-0001');
    const shown = picker(element).value;
    const older = list.statements.find((s) => s.status === 'closed' && s.period !== shown)!;
    const expected = await fetchAsShopper<Statement>('cli-0001', `/v1/me/statements/${older.period}`);
    picker(element).value = older.period;
    picker(element).dispatchEvent(new Event('change'));
    await waitUntil(() => text(shadow(element).querySelector('h2')).endsWith(month(older.period)), 'the first pick loads', { timeout: 5000 });
    expect(figure(element, 'Saldo facturado')).to.equal(clp(expected.closingBalance));
    expect(figure(element, 'Saldo anterior')).to.equal(clp(expected.previousBalance));
    expect(shadow(element).querySelector('.note')).to.equal(null);

    const open = list.statements[0]!;
    (element as CrmAccountStatement).period = open.period;
    await waitUntil(() => figure(element, 'Saldo a la fecha') !== '', 'the period set by the page loads', { timeout: 5000 });
    expect(picker(element).value).to.equal(open.period);
    expect(shadow(element).querySelector('.note')).to.not.equal(null);
  });

  it('pages through a long statement and loads all 10,000 lines for printing', async () => {
    await addBulkPayments('cli-0003', 10_000);
    const list = await fetchAsShopper<StatementList>('cli-0003', '/v1/me/statements');
    const { element } = await statementFor('cli-0003', { pageSize: 50, period: list.statements[0]!.period });
    expect(rows(element)).to.have.length(50);
    expect(text(element.shadowRoot!.querySelector('.count'))).to.match(/^Mostrando 50 de 10\.0\d\d movimientos$/);
    part(element, 'load-more-button')!.click();
    await waitUntil(() => rows(element).length === 100, 'the next page is added', { timeout: 5000 });
    const printed = new Promise<void>((resolve) => {
      window.print = () => resolve();
    });
    part(element, 'print-button')!.click();
    await printed;
    const total = Number(text(element.shadowRoot!.querySelector('.count')).match(/de ([\d.]+)/)![1]!.replace(/\./g, ''));
    expect(rows(element)).to.have.length(total);
    expect(part(element, 'load-more-button')).to.equal(null);
  });

  it('prints the period, the cardholder and the store, and no controls', async () => {
    const { element } = await statementFor('cli-0001');
    const period = picker(element).value;
    await emulateMedia({ media: 'print' });
    try {
      const visible = (node: Element | null) => node !== null && node.getClientRects().length > 0;
      expect(text(shadow(element).querySelector('h2'))).to.equal(`Estado de cuenta · ${month(period)}`);
      expect(visible(shadow(element).querySelector('h2'))).to.equal(true);
      expect(visible(shadow(element).querySelector('.period-dates'))).to.equal(true);
      const cardholder = shadow(element).querySelector('.cardholder');
      expect(visible(cardholder)).to.equal(true);
      expect(text(cardholder)).to.match(/^.+ · Tarjeta Almacenes Aurora$/);
      expect([...shadow(element).querySelectorAll('button, select')].filter(visible)).to.deep.equal([]);
    } finally {
      await emulateMedia({ media: 'screen' });
    }
    expect(getComputedStyle(shadow(element).querySelector('.cardholder')!).display).to.equal('none');
  });

  it('downloads the statement as CSV in the shopper’s language', async () => {
    const { element } = await statementFor('cli-0001', { locale: 'en' });
    const period = picker(element).value;
    const clicked = nextDownload();
    part(element, 'download-button')!.click();
    const link = await clicked;
    expect(link.download).to.equal(`account-statement-${period}.csv`);
    const csv = (await (await fetch(link.href)).text()).split('\r\n');
    expect(csv[0]).to.match(new RegExp(`^Statement,${period}`));
    expect(csv).to.include('Date,Description,Installment,Type,Amount (CLP)');
  });

  it('downloads the statement as PDF', async () => {
    const { element } = await statementFor('cli-0001');
    const period = picker(element).value;
    const clicked = nextDownload();
    const failed = new Promise<never>((_, reject) =>
      element.addEventListener(CrmErrorEvent.type, (event) => reject(new Error(`the PDF export failed: ${(event.error as Error).message}`)), { once: true }),
    );
    part(element, 'pdf-button')!.click();
    const link = await Promise.race([clicked, failed]);
    expect(link.download).to.equal(`estado-de-cuenta-${period}.pdf`);
    const blob = await (await fetch(link.href)).blob();
    expect(blob.type).to.match(/^application\/pdf/);
    expect(new TextDecoder().decode(await blob.slice(0, 5).arrayBuffer())).to.equal('%PDF-');
  });

  it('takes the choice of what to pay to the page, and shows the payment once the store has credited it, without a reload', async () => {
    const { id, list } = await shopperWhere(stillToPay);
    const closed = latestClosed(list)!;
    const { remaining, minimumRemaining } = closed.settlement!;
    const { portal, element } = await statementFor(id);
    expect(picker(element).value).to.equal(closed.period);
    expect(payStatus(element)).to.equal('');

    await openPayForm(element);
    expect(part(element, 'pay-button')!.getAttribute('aria-expanded')).to.equal('true');
    const offered = minimumRemaining > 0 && minimumRemaining < remaining ? ['minimum', 'total', 'other'] : ['total', 'other'];
    expect(radios(element).map((radio) => radio.value)).to.deep.equal(offered);
    expect(shadow(element).activeElement, 'focus on the chosen amount').to.equal(radios(element).find((radio) => radio.value === 'total'));
    expect(text(radios(element).find((radio) => radio.value === 'total')!.closest('label'))).to.equal(`Total por pagar ${clp(remaining)}`);
    await expect(element).to.be.accessible();

    // The page's gateway takes the payment; the widget waits for it without believing it.
    let gatewayDone!: () => void;
    const gateway = new Promise<void>((resolve) => (gatewayDone = resolve));
    const chosen = new Promise<CrmStatementPayEvent>((resolve) =>
      portal.addEventListener(
        CrmStatementPayEvent.type,
        (event) => {
          event.waitUntil(gateway);
          resolve(event);
        },
        { once: true },
      ),
    );
    (part(element, 'pay-form') as HTMLFormElement).requestSubmit();
    const event = await chosen;
    expect(event.detail).to.deep.equal({ period: closed.period, amount: remaining, currency: 'CLP' });
    expect(event.bubbles && event.composed).to.equal(true);
    expect(() => event.waitUntil(Promise.resolve())).to.throw(DOMException);
    await waitUntil(() => payStatus(element) === 'Procesando tu pago…', 'the payment is under way');
    expect(part(element, 'pay-form')).to.equal(null);
    expect(part(element, 'pay-button')!.getAttribute('aria-disabled')).to.equal('true');

    // The merchant's backend credits it with its secret key, then the gateway's promise settles.
    const credited = await asMerchant('POST', '/v1/payments', { id: `pay-${id}-${Date.now()}`, customerId: id, amount: event.detail.amount, currency: event.detail.currency });
    expect(credited.status).to.equal(201);
    gatewayDone();
    await waitUntil(() => payStatus(element) === `Pago recibido: ${clp(remaining)}`, 'the payment shows as received', { timeout: 5000 });
    expect(part(element, 'pay-status')!.getAttribute('role')).to.equal('status');
    expect(figure(element, 'Por pagar')).to.equal(clp(0));
    expect(figure(element, 'Pagado desde el cierre')).to.equal(clp(closed.settlement!.paid + remaining));
    expect(text(shadow(element).querySelector('.paid-in-full'))).to.equal('Pagaste este estado de cuenta completo.');
    expect(part(element, 'pay-button'), 'nothing left to pay').to.equal(null);
    expect(portal.contains(element) && element.isConnected).to.equal(true);
    await expect(element).to.be.accessible();
  });

  it('sees a payment the page did not wait for, by asking again every few seconds', async () => {
    const { id, list } = await shopperWhere((l) => !stillToPay(l) && l.statements[0]!.status === 'open' && l.statements[0]!.closingBalance > 1_000);
    const open = await fetchAsShopper<Statement>(id, `/v1/me/statements/${list.statements[0]!.period}`);
    const { portal, element } = await statementFor(id);
    expect(picker(element).value).to.equal(open.period);

    await openPayForm(element);
    expect(radios(element).map((radio) => radio.value)).to.deep.equal(['total', 'other']);
    expect(text(radios(element)[0]!.closest('label'))).to.equal(`Saldo a la fecha ${clp(open.closingBalance)}`);
    await typeOtherAmount(element, '1000');
    const chosen = oneEvent(portal, CrmStatementPayEvent.type);
    (part(element, 'pay-form') as HTMLFormElement).requestSubmit();
    const event = await chosen;
    expect(event.detail).to.deep.equal({ period: open.period, amount: 1000, currency: 'CLP' });
    await waitUntil(() => payStatus(element) === 'Procesando tu pago…', 'the payment is under way');

    await asMerchant('POST', '/v1/payments', { id: `pay-${id}-${Date.now()}`, customerId: id, amount: 1000, currency: 'CLP' });
    await waitUntil(() => payStatus(element) === `Pago recibido: ${clp(1000)}`, 'the payment shows as received', { timeout: 8000 });
    expect(figure(element, 'Pagos')).to.equal(clp(-(open.payments + 1000)));
    expect(figure(element, 'Saldo a la fecha')).to.equal(clp(open.closingBalance - 1000));
  });

  it('checks another amount before paying: more than zero, at most what is due, and whole pesos', async () => {
    const list = await fetchAsShopper<StatementList>('cli-0001', '/v1/me/statements');
    const open = list.statements[0]!;
    const { element } = await statementFor('cli-0001', { period: open.period });
    let fired = 0;
    element.addEventListener(CrmStatementPayEvent.type, (event) => {
      fired++;
      // The page takes no payment here: the widget waits for none.
      event.preventDefault();
    });
    const form = await openPayForm(element);
    const error = () => text(part(element, 'pay-error'));

    const cases: Array<[string, string]> = [
      ['', 'Escribe el monto que quieres pagar, solo con números.'],
      ['0', 'El monto debe ser mayor que cero.'],
      ['10.000', 'Escribe el monto sin puntos ni decimales, por ejemplo 25000.'],
      ['-5', 'El monto debe ser mayor que cero.'],
      [String(open.closingBalance + 1), `Puedes pagar como máximo ${clp(open.closingBalance)}.`],
    ];
    for (const [typed, message] of cases) {
      const input = await typeOtherAmount(element, typed);
      form.requestSubmit();
      await waitUntil(() => error() === message, `«${typed}» is refused: ${message} (shows «${error()}»)`);
      expect(input.getAttribute('aria-invalid')).to.equal('true');
      expect(input.getAttribute('aria-describedby')).to.contain('pay-amount-error');
      expect(shadow(element).activeElement).to.equal(input);
    }
    expect(fired).to.equal(0);
    await expect(element).to.be.accessible();

    await typeOtherAmount(element, String(open.closingBalance));
    const chosen = oneEvent(element, CrmStatementPayEvent.type);
    form.requestSubmit();
    expect((await chosen).detail.amount).to.equal(open.closingBalance);
    await waitUntil(() => part(element, 'pay-form') === null, 'the form closes');
    expect(payStatus(element), 'a cancelled payment is not waited for').to.equal('');
    await waitUntil(() => shadow(element).activeElement === part(element, 'pay-button'), 'focus returns to «Pagar»');

    // Escape closes the form too.
    await openPayForm(element);
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => part(element, 'pay-form') === null && shadow(element).activeElement === part(element, 'pay-button'), 'Escape closes the form');
  });

  it('says calmly when a payment the page failed is not there, and stops waiting when the shopper left the checkout', async () => {
    const list = await fetchAsShopper<StatementList>('cli-0001', '/v1/me/statements');
    const { element } = await statementFor('cli-0001', { period: list.statements[0]!.period });
    const payWith = async (outcome: Promise<unknown>) => {
      outcome.catch(() => {});
      element.addEventListener(CrmStatementPayEvent.type, (event) => event.waitUntil(outcome), { once: true });
      (await openPayForm(element)).requestSubmit();
    };

    await payWith(Promise.reject(new Error('the gateway declined the card')));
    const missing = 'Aún no vemos tu pago. Si ya pagaste, puede tardar unos minutos en aparecer aquí: actualiza en un rato antes de volver a pagar.';
    await waitUntil(() => payStatus(element) === missing, 'the payment is not there yet', { timeout: 5000 });
    expect(part(element, 'refresh-button')).to.not.equal(null);
    expect(part(element, 'pay-button')!.getAttribute('aria-disabled')).to.equal('false');
    await expect(element).to.be.accessible();
    part(element, 'refresh-button')!.click();
    await element.updateComplete;
    expect(payStatus(element)).to.equal('Procesando tu pago…');
    await waitUntil(() => payStatus(element) === missing, 'still not there after asking again', { timeout: 5000 });

    await payWith(Promise.reject(new DOMException('The shopper left the checkout', 'AbortError')));
    await waitUntil(() => payStatus(element) === '' && part(element, 'refresh-button') === null, 'nothing to wait for', { timeout: 5000 });
  });

  it('leaves out the disclosures a statement closed before they were kept, and says when the minimum is the whole balance', async () => {
    const { period } = await latestPeriodWithTransactions('cli-0002');
    const real = await fetchAsShopper<Statement>('cli-0002', `/v1/me/statements/${period}`);
    const legacy: Statement = {
      ...real,
      status: 'closed',
      settlement: null,
      minimum: null,
      rates: null,
      upcomingInstallments: null,
      prepayment: null,
      minimumPayment: real.closingBalance,
      payoff: { minimumOnly: { months: 1, totalInterest: 0 }, payInFullSaves: 0 },
    };
    const list: StatementList = { ...(await fetchAsShopper<StatementList>('cli-0002', '/v1/me/statements')), statements: [legacy] };
    const client = createClient({
      api: location.origin,
      token: 'stand-in',
      fetch: async (input: RequestInfo | URL) => Response.json(new URL(input instanceof Request ? input.url : String(input)).pathname.endsWith('/statements') ? list : legacy),
    });
    const me = await fetchMe('cli-0002');
    const provider = await fixture(html`<crm-test-shopper-state .client=${client} .state=${{ status: 'ready', me, refresh: () => {} }} locale="es">
      <crm-account-statement></crm-account-statement>
    </crm-test-shopper-state>`);
    const element = provider.querySelector('crm-account-statement')!;
    await waitUntil(() => part(element, 'summary'), 'the statement loads', { timeout: 5000 });
    for (const name of ['minimum', 'rates', 'upcoming', 'prepayment', 'settlement', 'pay-button']) expect(part(element, name), name).to.equal(null);
    expect(figure(element, 'Saldo facturado')).to.equal(clp(real.closingBalance));
    const dueDate = new Intl.DateTimeFormat('es-CL', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${real.dueDate}T12:00:00Z`));
    expect(text(part(element, 'payoff'))).to.equal(`Tu pago mínimo es el total facturado: si lo pagas hasta el ${dueDate}, no pagas intereses.`);
    await expect(element).to.be.accessible();
  });

  for (const width of [375, 320]) {
    it(`fits a ${width} px screen: no sideways scrolling, no amount cut off, transactions as cards`, async () => {
      await setViewport({ width, height: 800 });
      // The store's page around it: the demo store's main column has a 1rem gutter on phones.
      document.body.style.margin = '16px';
      try {
        const { period } = await latestPeriodWithTransactions('cli-0002');
        const { element } = await statementFor('cli-0002', { period });
        shadow(element).querySelector('details')?.setAttribute('open', '');
        if (part(element, 'pay-button')) {
          await openPayForm(element);
          await typeOtherAmount(element, '1000');
        }
        await element.updateComplete;
        expect(rows(element).length).to.be.greaterThan(0);
        expect(getComputedStyle(rows(element)[0]!).display, 'a row is a card').to.equal('grid');
        expect(document.documentElement.scrollWidth, 'page width').to.be.at.most(width);
        const amounts = [...shadow(element).querySelectorAll<HTMLElement>('td.number, dd, .choice .amount')];
        expect(amounts.length).to.be.greaterThan(10);
        for (const amount of amounts) {
          const box = amount.getBoundingClientRect();
          expect(amount.scrollWidth, `«${text(amount)}» fits its box`).to.be.at.most(amount.clientWidth + 1);
          expect(box.left >= 0 && box.right <= width, `«${text(amount)}» is on screen (${box.left}–${box.right})`).to.equal(true);
        }
        // Nor does anything stick out of the statement's box.
        const base = part(element, 'base')!.getBoundingClientRect();
        const outside = [...part(element, 'base')!.querySelectorAll('*')].filter((node) => node.getBoundingClientRect().right > base.right + 0.5);
        expect(outside.map((node) => `${node.localName}.${node.className} «${text(node).slice(0, 30)}»`)).to.deep.equal([]);
        await expect(element).to.be.accessible();
      } finally {
        document.body.style.margin = '';
        await setViewport({ width: 800, height: 600 });
      }
    });
  }

  it('tells a shopper without the store card so', async () => {
    const { element } = await statementFor('cli-0004');
    expect(text(part(element, 'message'))).to.equal('Aún no tienes la tarjeta de Almacenes Aurora.');
    await expect(element).to.be.accessible();
  });

  it('asks a signed-out visitor to sign in', async () => {
    const portal = await fixture(html`<crm-portal api=${location.origin} publishable-key="pk_test_demo" locale="en"><crm-account-statement></crm-account-statement></crm-portal>`);
    const element = portal.querySelector('crm-account-statement')!;
    await element.updateComplete;
    expect(text(part(element, 'message'))).to.equal('Sign in to see your account statement.');
  });

  it('shows a busy placeholder while the shopper loads', async () => {
    const provider = await fixture(html`<crm-test-shopper-state .state=${{ status: 'loading' }} locale="es"><crm-account-statement></crm-account-statement></crm-test-shopper-state>`);
    const element = provider.querySelector('crm-account-statement')! as CrmAccountStatement;
    await element.updateComplete;
    expect(part(element, 'base')!.getAttribute('aria-busy')).to.equal('true');
    await expect(element).to.be.accessible();
  });

  it('explains a failure, tells the page, and recovers on retry', async () => {
    const { token } = await mintSession('cli-0001');
    const portal = await fixture<CrmPortal>(html`<crm-portal api=${location.origin} publishable-key="pk_test_demo" token=${token} locale="es">
      <crm-account-statement period="2000-01"></crm-account-statement>
    </crm-portal>`);
    const element = portal.querySelector('crm-account-statement')!;
    await waitUntil(() => part(element, 'summary'), 'falls back to the statement it would open anyway', { timeout: 5000 });
    // Now the API goes away: a network failure on the next request.
    portal.api = 'http://127.0.0.1:9';
    const failed = oneEvent(portal, CrmErrorEvent.type);
    await waitUntil(() => part(element, 'retry-button'), 'the error shows', { timeout: 8000 });
    await failed;
    expect(text(part(element, 'message'))).to.equal('Sin conexión con la tienda. Revisa tu conexión y vuelve a intentarlo.');
    portal.api = location.origin;
    await waitUntil(() => part(element, 'summary'), 'recovers', { timeout: 8000 });
  });

  it('speaks English and formats money in the store currency', async () => {
    const { period } = await latestPeriodWithTransactions('cli-0002');
    const { element } = await statementFor('cli-0002', { locale: 'en', period });
    expect(text(shadow(element).querySelector('h2'))).to.match(/^Account statement · [A-Z][a-z]+ \d{4}$/);
    expect([...shadow(element).querySelectorAll('[part~=table] th')].map(text)).to.deep.equal(['Date', 'Description', 'Installment', 'Amount']);
    expect(figure(element, 'Credit limit')).to.match(/^CLP\s[\d,]+$/);
    expect(text(shadow(element).querySelector('[part~=upcoming] h3'))).to.equal('Coming due');
  });
});
