import type { Redemption, Reward } from '@clientela/contract';
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { mintSession } from '../../../../../test/browser/server-commands.ts';
import type { CrmBackOffice } from './back-office.component.ts';
import './back-office.ts';

const shadow = (element: Element) => element.shadowRoot!;
const part = (element: Element, name: string) => shadow(element).querySelector<HTMLElement>(`[part~='${name}']`);
const text = (element: Element | null | undefined) => element?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const storageKey = 'clientela:agent-session:pk_test_demo';
const timeout = { timeout: 8000 };

const staff = {
  owner: { email: 'dueno@demo.clientela.dev', password: 'demo-dueno' },
  admin: { email: 'admin@demo.clientela.dev', password: 'demo-admin' },
  agent: { email: 'agente@demo.clientela.dev', password: 'demo-agente' },
};

const navItems = (element: Element) => [...shadow(element).querySelectorAll('[part~=nav] button')].map(text);
const button = (root: Element | ShadowRoot, label: string) => [...root.querySelectorAll<HTMLButtonElement>('button')].find((b) => text(b) === label);
const pageTitle = (element: Element) => text(shadow(element).querySelector('#page-title'));

async function signedIn(role: keyof typeof staff) {
  const element = await fixture<CrmBackOffice>(html`<crm-back-office api=${location.origin} publishable-key="pk_test_demo" lang="en"></crm-back-office>`);
  const form = part(element, 'login') as HTMLFormElement;
  form.querySelector<HTMLInputElement>('#email')!.value = staff[role].email;
  form.querySelector<HTMLInputElement>('#password')!.value = staff[role].password;
  form.requestSubmit();
  await waitUntil(() => part(element, 'nav'), 'signed in', timeout);
  return element;
}

/** The staff token the back office holds, to call the API as it would, past the UI. */
const heldToken = () => (JSON.parse(sessionStorage.getItem(storageKey)!) as { token: string }).token;
const asHeld = (method: string, path: string, body?: unknown) =>
  fetch(path, { method, headers: { authorization: `Bearer ${heldToken()}`, 'content-type': 'application/json' }, ...(body ? { body: JSON.stringify(body) } : {}) });

async function open(element: CrmBackOffice, label: string) {
  button(part(element, 'nav')!, label)!.click();
  await waitUntil(() => pageTitle(element) === label, `${label} opens`, timeout);
}

async function fill(form: HTMLFormElement, values: Record<string, string>) {
  for (const [name, value] of Object.entries(values)) form.querySelector<HTMLInputElement | HTMLSelectElement>(`[name='${name}']`)!.value = value;
  form.requestSubmit();
}

/** Ana redeems the cheapest reward from her shopper session, as the points widget would: the code she brings to the till. */
async function anaRedeems(): Promise<Redemption> {
  const { token } = await mintSession('cli-0001');
  const rewards = (await (await fetch('/v1/rewards', { headers: { 'x-publishable-key': 'pk_test_demo' } })).json()) as { items: Reward[] };
  const response = await fetch('/v1/me/redemptions', {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'x-publishable-key': 'pk_test_demo', 'content-type': 'application/json', 'idempotency-key': `till-${crypto.randomUUID()}` },
    body: JSON.stringify({ rewardId: rewards.items[0]!.id }),
  });
  expect(response.status).to.equal(201);
  return (await response.json()) as Redemption;
}

describe('<crm-back-office>', () => {
  afterEach(() => sessionStorage.removeItem(storageKey));

  it('refuses a wrong password, then shows an owner every page and the pyramid with its table, Ana first among the best customers', async () => {
    const element = await fixture<CrmBackOffice>(html`<crm-back-office api=${location.origin} publishable-key="pk_test_demo" lang="en"></crm-back-office>`);
    await expect(element).to.be.accessible();
    const form = part(element, 'login') as HTMLFormElement;
    await fill(form, { email: staff.owner.email, password: 'not it' });
    await waitUntil(() => text(form.querySelector('.error')) === 'The email or the password is wrong.', 'the error shows', timeout);
    element.remove();

    const owner = await signedIn('owner');
    expect(navItems(owner)).to.deep.equal(['Overview', 'Customers', 'Loyalty', 'At the till', 'Settings']);
    expect(text(part(owner, 'header'))).to.contain('Isabel Fuentes (owner)');
    await waitUntil(() => shadow(owner).querySelector('#pyramid table tbody tr'), 'the pyramid draws', timeout);
    const rows = [...shadow(owner).querySelectorAll('#pyramid table tbody tr')].map((row) => text(row.querySelector('th')));
    expect(rows).to.deep.equal(['Diamond', 'Gold', 'Silver', 'Bronze', 'Member', 'New member']);
    expect(shadow(owner).querySelector('#pyramid svg')!.getAttribute('role')).to.equal('img');
    expect(shadow(owner).querySelectorAll('#pyramid svg rect').length).to.equal(12);
    for (const chart of ['monthly', 'lifetime-value']) {
      expect(shadow(owner).querySelectorAll(`#${chart} table tbody tr`).length, chart).to.be.greaterThan(0);
    }
    expect(shadow(owner).querySelectorAll('#monthly table tbody tr').length).to.equal(12);
    await waitUntil(() => part(owner, 'best-customers')?.querySelector('li'), 'the best customers load', timeout);
    expect(text(part(owner, 'best-customers')!.querySelector('li button'))).to.equal('Ana Torres');
    expect(text(part(owner, 'best-customers')!.querySelector('li [part=tier]'))).to.equal('Diamond');
    // How shoppers rated their purchases after delivery: the period's score as the API counts it, per month and tier, and the comments.
    await waitUntil(() => shadow(owner).querySelector('#nps-tiers'), 'the feedback loads', timeout);
    const report = (await (await asHeld('GET', '/v1/reports/feedback')).json()) as { total: { nps: number; responses: number }; comments: unknown[] };
    expect(report.total.responses).to.be.greaterThan(0);
    expect(text(part(owner, 'feedback')!.querySelector('.nps strong'))).to.equal(new Intl.NumberFormat('en-US', { signDisplay: 'exceptZero' }).format(Math.round(report.total.nps)));
    expect(text(part(owner, 'feedback')!.querySelector('.nps'))).to.contain(`${report.total.responses} answers`);
    expect(shadow(owner).querySelectorAll('table[aria-labelledby=nps-tiers] tbody tr').length).to.be.greaterThan(0);
    expect(part(owner, 'feedback-comments')!.querySelectorAll('li').length).to.equal(Math.min(5, report.comments.length));
    await expect(owner).to.be.accessible();
  });

  it('asks for the store’s key when the page names none, keeps it for the next sign-in, and speaks the page’s language', async () => {
    localStorage.removeItem('clientela:back-office:publishable-key');
    const element = await fixture<CrmBackOffice>(html`<crm-back-office api=${location.origin} lang="es"></crm-back-office>`);
    const form = part(element, 'login') as HTMLFormElement;
    expect(text(form.querySelector('h2'))).to.equal('Ingreso del personal');
    await expect(element).to.be.accessible();
    await fill(form, { publishableKey: 'pk_test_demo', email: staff.agent.email, password: staff.agent.password });
    await waitUntil(() => part(element, 'nav'), 'signed in with the key typed', timeout);
    expect(navItems(element)).to.deep.equal(['Clientes', 'En caja']);
    expect(localStorage.getItem('clientela:back-office:publishable-key')).to.equal('pk_test_demo');
    element.remove();
    const again = await fixture<CrmBackOffice>(html`<crm-back-office api=${location.origin} lang="es"></crm-back-office>`);
    await waitUntil(() => part(again, 'nav'), 'the tab’s session and the key kept sign it in', timeout);
    localStorage.removeItem('clientela:back-office:publishable-key');
  });

  it('offers an agent only what the role may do, and the server refuses the rest whatever the page offers', async () => {
    const agent = await signedIn('agent');
    expect(navItems(agent)).to.deep.equal(['Customers', 'At the till']);
    expect(pageTitle(agent)).to.equal('Customers');
    for (const [method, path, body] of [
      ['GET', '/v1/reports/overview'],
      ['GET', '/v1/origins'],
      ['POST', '/v1/origins', { origin: 'https://agent.example' }],
      ['PUT', '/v1/rewards/agent-made', { name: 'Gratis', cost: 1 }],
      ['POST', '/v1/customers/cli-0001/points/corrections', { id: 'agent-fix', amount: 1000, note: 'mine' }],
      ['POST', '/v1/keys/roll', { key: 'secret' }],
    ] as const) {
      const response = await asHeld(method, path, body);
      expect(response.status, `${method} ${path}`).to.equal(403);
      expect(((await response.json()) as { type: string }).type).to.match(/forbidden-role$/);
    }
    // An agent looks a customer up and adds a note, but is not offered a points correction.
    await waitUntil(() => part(agent, 'customer-list')?.querySelector('tbody tr'), 'customers listed', timeout);
    button(part(agent, 'customer-list')!, 'Ana Torres')!.click();
    await waitUntil(() => part(agent, 'profile') && part(agent, 'notes'), 'her page opens', timeout);
    expect(part(agent, 'correction')).to.equal(null);
    await expect(agent).to.be.accessible();
  });

  it('lets an admin run settings but leaves rolling the keys to an owner, on the page and on the server', async () => {
    const admin = await signedIn('admin');
    expect(navItems(admin)).to.deep.equal(['Overview', 'Customers', 'Loyalty', 'At the till', 'Settings']);
    await open(admin, 'Settings');
    await waitUntil(() => part(admin, 'keys')?.querySelector('code'), 'the keys show', timeout);
    expect(text(part(admin, 'keys')!.querySelector('code'))).to.equal('pk_test_demo');
    expect(part(admin, 'roll')).to.equal(null);
    expect(text(part(admin, 'keys'))).to.contain('Only an owner can replace the keys.');
    expect((await asHeld('POST', '/v1/keys/roll', { key: 'secret' })).status).to.equal(403);
    await waitUntil(() => part(admin, 'webhooks')?.querySelector('form') && !part(admin, 'support-hours')?.querySelector('[aria-busy]'), 'settings load', timeout);
    await expect(admin).to.be.accessible();
    sessionStorage.removeItem(storageKey);

    const owner = await signedIn('owner');
    await open(owner, 'Settings');
    await waitUntil(() => part(owner, 'roll'), 'an owner is offered the roll', timeout);
  });

  it('adds an origin, and says why it cannot remove the one the page is on', async () => {
    const admin = await signedIn('admin');
    await open(admin, 'Settings');
    await waitUntil(() => part(admin, 'origins')?.querySelector('li'), 'origins listed', timeout);
    const origins = part(admin, 'origins')!;
    await fill(origins.querySelector('form')!, { origin: 'HTTPS://Tienda-Nueva.Example:443/' });
    await waitUntil(() => text(origins).includes('https://tienda-nueva.example added.'), 'added, as browsers send it', timeout);
    expect([...origins.querySelectorAll('li code')].map(text)).to.include('https://tienda-nueva.example');
    button(origins, `Remove ${location.origin}`)!.click();
    await waitUntil(() => origins.querySelector('.error')?.textContent, 'the refusal shows', timeout);
    expect([...origins.querySelectorAll('li code')].map(text)).to.include(location.origin);
  });

  it('finds customers by surname, filters a tier, sorts and pages, and shows one whole with notes to add', async () => {
    const admin = await signedIn('admin');
    await open(admin, 'Customers');
    const search = shadow(admin).querySelector<HTMLFormElement>('form.search')!;
    await fill(search, { query: 'torres', tier: '', sort: 'lifetime-value' });
    await waitUntil(() => text(part(admin, 'customer-list')?.querySelector('tbody tr th')) === 'Ana Torres', 'Ana comes first', timeout);
    await fill(search, { query: '', tier: 'medium', sort: 'recency' });
    const tiersShown = () => [...(part(admin, 'customer-list')?.querySelectorAll('[part=tier]') ?? [])].map(text);
    await waitUntil(() => tiersShown().length > 0 && tiersShown().every((tier) => tier === 'Silver') && shadow(admin).querySelector('.more'), 'a page of Silver customers', timeout);
    const firstPage = part(admin, 'customer-list')!.querySelectorAll('tbody tr').length;
    shadow(admin).querySelector<HTMLButtonElement>('.more')!.click();
    await waitUntil(() => part(admin, 'customer-list')!.querySelectorAll('tbody tr').length > firstPage, 'the next page adds on', timeout);

    await fill(search, { query: 'cli-0001', tier: '', sort: 'name' });
    await waitUntil(() => text(part(admin, 'customer-list')?.querySelector('tbody tr th')) === 'Ana Torres', 'found by id', timeout);
    button(part(admin, 'customer-list')!, 'Ana Torres')!.click();
    await waitUntil(() => part(admin, 'notes')?.querySelector('li'), 'her notes load', timeout);
    expect(text(part(admin, 'profile'))).to.contain('cli-0001');
    expect(text(part(admin, 'notes'))).to.contain('Invitarla al evento de clientes Aurora');
    await waitUntil(() => !shadow(admin).querySelector('[part=page] [aria-busy=true]'), 'every section loads', timeout);
    for (const heading of ['Points ledger', 'Orders', 'Store card and statements', 'Wishlist', 'Conversations']) {
      expect(text(shadow(admin).querySelector('[part=page]'))).to.contain(heading);
    }
    const noteForm = shadow(admin).querySelector<HTMLFormElement>('#note-body')!.form!;
    await fill(noteForm, { body: '<b>Llamar</b> el lunes' });
    await waitUntil(() => text(part(admin, 'notes')?.querySelector('li p')) === '<b>Llamar</b> el lunes', 'the note shows first, as text', timeout);
    expect(text(part(admin, 'notes')!.querySelector('li .meta'))).to.contain('Martín Soto');
    await expect(admin).to.be.accessible();
  });

  it('corrects points with a reason, creates, edits and pauses a reward, and schedules a promotion', async () => {
    const admin = await signedIn('admin');
    await open(admin, 'Customers');
    await waitUntil(() => part(admin, 'customer-list')?.querySelector('tbody tr'), 'listed', timeout);
    button(part(admin, 'customer-list')!, 'Ana Torres')!.click();
    await waitUntil(() => part(admin, 'correction'), 'the correction form', timeout);
    await fill(part(admin, 'correction') as HTMLFormElement, { amount: '10', note: '   ' });
    await waitUntil(() => part(admin, 'correction')!.querySelector('.error')?.textContent, 'refused', timeout);
    await fill(part(admin, 'correction') as HTMLFormElement, { amount: '250', note: 'Compensación por despacho atrasado' });
    await waitUntil(() => text(shadow(admin).querySelector('[aria-label="Points ledger"] tbody tr')).includes('Compensación por despacho atrasado'), 'the ledger shows it', timeout);

    await open(admin, 'Loyalty');
    const rewardForm = () => part(admin, 'reward-form') as HTMLFormElement;
    await waitUntil(() => part(admin, 'rewards')?.querySelector('tbody tr'), 'the catalog loads', timeout);
    await fill(rewardForm(), { 'name-es': 'Bolsa reutilizable', 'name-en': 'Reusable bag', 'description-es': '', 'description-en': '', cost: '300' });
    await waitUntil(() => text(rewardForm()).includes('Reward “Bolsa reutilizable” saved.'), 'created', timeout);
    const row = () => [...part(admin, 'rewards')!.querySelectorAll('tbody tr')].find((tr) => text(tr.querySelector('th')).startsWith('Bolsa reutilizable'));
    await waitUntil(() => row(), 'listed', timeout);
    button(row()!, 'Edit Bolsa reutilizable')!.click();
    await waitUntil(() => rewardForm().querySelector<HTMLInputElement>('[name=cost]')!.value === '300', 'the form takes it', timeout);
    await fill(rewardForm(), { cost: '350' });
    await waitUntil(() => text(row()?.querySelector('td')) === '350', 'edited', timeout);
    button(row()!, 'Pause Bolsa reutilizable')!.click();
    await waitUntil(() => text(row()?.querySelectorAll('td')[1]) === 'Paused', 'paused', timeout);
    const shown = (await (await fetch('/v1/rewards', { headers: { 'x-publishable-key': 'pk_test_demo' } })).json()) as { items: Reward[] };
    expect(shown.items.map((reward) => reward.name)).not.to.include('Bolsa reutilizable');

    await fill(part(admin, 'promotion-form') as HTMLFormElement, { 'name-es': 'CyberDay', multiplier: '2' });
    await waitUntil(() => text(part(admin, 'promotions')?.querySelector('tbody')).includes('CyberDay'), 'scheduled', timeout);
    expect(text(part(admin, 'promotions'))).to.contain('×2');
    await expect(admin).to.be.accessible();
  });

  it('honours a code at the till once, and says clearly when a code is unknown or already used', async () => {
    const redemption = await anaRedeems();
    const agent = await signedIn('agent');
    await open(agent, 'At the till');
    const till = part(agent, 'till') as HTMLFormElement;
    await fill(till, { code: 'NOPE-NOPE' });
    await waitUntil(() => text(part(agent, 'till-message')).startsWith('No redemption of this store has that code'), 'unknown: 404 said plainly', timeout);

    await fill(till, { code: redemption.code.toLowerCase().replace('-', ' ') });
    await waitUntil(() => part(agent, 'redemption')?.dataset.status === 'valid', 'the redemption shows as valid', timeout);
    expect(text(part(agent, 'redemption'))).to.contain('Ana Torres');
    await expect(agent).to.be.accessible();
    button(part(agent, 'redemption')!, 'Mark as used')!.click();
    await waitUntil(() => text(part(agent, 'till-message')).startsWith('Done:'), 'honoured', timeout);
    expect(part(agent, 'redemption')!.dataset.status).to.equal('used');
    expect(text(part(agent, 'redemption'))).to.contain('Sofía Morales');

    // The same code again: the till shows it used, offers nothing, and the API refuses a second use with a 409.
    await fill(till, { code: redemption.code });
    await waitUntil(() => part(agent, 'redemption')?.dataset.status === 'used', 'used', timeout);
    expect(button(part(agent, 'redemption')!, 'Mark as used')).to.equal(undefined);
    const again = await asHeld('POST', `/v1/redemptions/${redemption.code}/use`);
    expect(again.status).to.equal(409);
  });
});
