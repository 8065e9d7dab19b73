import type { Statement, StatementList } from '@clientela/contract';
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { CrmErrorEvent } from '../../events/error.ts';
import { defineShopperStateProvider } from '../../testing/shopper-state-provider.ts';
import { addBulkPayments, fetchAsShopper, latestPeriodWithTransactions, mintSession } from '../../testing/server-commands.ts';
import type { CrmPortal } from '../portal/portal.component.ts';
import '../portal/portal.ts';
import type { CrmAccountStatement } from './account-statement.component.ts';
import './account-statement.ts';

defineShopperStateProvider();

const shadow = (element: Element) => element.shadowRoot!;
const part = (element: Element, name: string) => shadow(element).querySelector<HTMLElement>(`[part~='${name}']`);
const text = (element: Element | null | undefined) => element?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const rows = (element: Element) => [...shadow(element).querySelectorAll('tbody tr')];
const figure = (element: Element, label: string) => {
  const term = [...shadow(element).querySelectorAll('dt')].find((dt) => text(dt) === label);
  return text(term?.nextElementSibling);
};

async function statementFor(customerId: string, options: { locale?: string; pageSize?: number; period?: string } = {}) {
  const { token } = await mintSession(customerId);
  const portal = await fixture<CrmPortal>(html`<crm-portal api=${location.origin} publishable-key="pk_test_demo" token=${token} locale=${options.locale ?? 'es'}>
    <crm-account-statement page-size=${options.pageSize ?? 50} period=${options.period ?? ''}></crm-account-statement>
  </crm-portal>`);
  const element = portal.querySelector('crm-account-statement')!;
  await waitUntil(() => part(element, 'summary') || part(element, 'message'), 'the statement loads', { timeout: 8000 });
  return { portal, element };
}

const clp = (amount: number) => new Intl.NumberFormat('es-CL', { style: 'currency', currency: 'CLP' }).format(amount);

describe('<crm-account-statement>', () => {
  it("shows the open cycle's figures as the API computes them, with installments as «n de m»", async () => {
    const list = await fetchAsShopper<StatementList>('cli-0001', '/v1/me/statements');
    const open = list.statements[0]!;
    const expected = await fetchAsShopper<Statement>('cli-0001', `/v1/me/statements/${open.period}`);
    const { element } = await statementFor('cli-0001');
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

  it('switches to a closed period from the picker', async () => {
    const list = await fetchAsShopper<StatementList>('cli-0001', '/v1/me/statements');
    const closed = list.statements[1]!;
    const expected = await fetchAsShopper<Statement>('cli-0001', `/v1/me/statements/${closed.period}`);
    const { element } = await statementFor('cli-0001');
    const picker = part(element, 'period-picker') as HTMLSelectElement;
    picker.value = closed.period;
    picker.dispatchEvent(new Event('change'));
    await waitUntil(() => figure(element, 'Saldo facturado') !== '', 'the closed statement shows', { timeout: 5000 });
    expect(figure(element, 'Saldo facturado')).to.equal(clp(expected.closingBalance));
    expect(figure(element, 'Saldo anterior')).to.equal(clp(expected.previousBalance));
    expect(shadow(element).querySelector('.note')).to.equal(null);
  });

  it('pages through a long statement and loads all 10,000 lines for printing', async () => {
    await addBulkPayments('cli-0003', 10_000);
    const { element } = await statementFor('cli-0003', { pageSize: 50 });
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

  it('downloads the statement as CSV in the shopper’s language', async () => {
    const { element } = await statementFor('cli-0001', { locale: 'en' });
    const clicked = new Promise<HTMLAnchorElement>((resolve) => {
      const original = HTMLAnchorElement.prototype.click;
      HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
        HTMLAnchorElement.prototype.click = original;
        resolve(this);
      };
    });
    part(element, 'download-button')!.click();
    const link = await clicked;
    expect(link.download).to.match(/^account-statement-\d{4}-\d{2}\.csv$/);
    const csv = await (await fetch(link.href)).text();
    expect(csv.split('\r\n')[0]).to.equal('Date,Description,Installment,Type,Amount (CLP)');
  });

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
    await waitUntil(() => part(element, 'summary'), 'falls back to the open period', { timeout: 5000 });
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
    expect([...shadow(element).querySelectorAll('th')].map(text)).to.deep.equal(['Date', 'Description', 'Installment', 'Amount']);
    expect(figure(element, 'Credit limit')).to.match(/^CLP\s[\d,]+$/);
  });
});
