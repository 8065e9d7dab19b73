import { expect, fixture, fixtureSync, html } from '@open-wc/testing';
import { CrmElement } from './crm-element.ts';
import { LocalizeController } from './localize.ts';

/** Intl separates some parts with no-break spaces; the comparisons here are about the rest. */
const plain = (text: string) => text.replace(/\s/g, ' ');

class LocalizedProbe extends CrmElement {
  readonly i18n = new LocalizeController(this);

  protected override render() {
    return this.i18n.term.loading;
  }
}
customElements.define('crm-test-localized-probe', LocalizedProbe);

describe('LocalizeController', () => {
  it('renders once the strings of its language have arrived, and in the other language after a switch', async () => {
    const holder = await fixture<HTMLDivElement>(html`<div lang="en"><crm-test-localized-probe></crm-test-localized-probe></div>`);
    const probe = holder.firstElementChild as LocalizedProbe;
    await probe.updateComplete;
    expect(probe.shadowRoot!.textContent).to.equal('Loading…');
    holder.lang = 'es';
    probe.requestUpdate();
    await probe.updateComplete;
    expect(probe.shadowRoot!.textContent).to.equal('Cargando…');
  });

  it('formats money from minor units with each currency’s own decimals, in Spanish and English', async () => {
    const spanish = (fixtureSync(html`<div lang="es"><crm-test-localized-probe></crm-test-localized-probe></div>`).firstElementChild as LocalizedProbe);
    const english = (fixtureSync(html`<div lang="en"><crm-test-localized-probe></crm-test-localized-probe></div>`).firstElementChild as LocalizedProbe);
    expect(plain(spanish.i18n.money(1_234_567, 'CLP'))).to.equal('$1.234.567');
    expect(plain(spanish.i18n.money(123_456, 'PEN'))).to.equal('PEN 1.234,56');
    expect(plain(english.i18n.money(123_456, 'USD'))).to.equal('$1,234.56');
    expect(plain(english.i18n.money(123_456, 'PEN'))).to.equal('PEN 1,234.56');
    expect(plain(english.i18n.money(-5_000, 'CLP'))).to.equal('-CLP 5,000');
  });

  it('names statement periods and shows calendar dates without shifting them across time zones', async () => {
    const spanish = (fixtureSync(html`<div lang="es-CL"><crm-test-localized-probe></crm-test-localized-probe></div>`).firstElementChild as LocalizedProbe);
    expect(plain(spanish.i18n.month('2026-11'))).to.equal('noviembre de 2026');
    expect(plain(spanish.i18n.date('2026-11-30', { dateStyle: 'long' }))).to.equal('30 de noviembre de 2026');
  });
});
