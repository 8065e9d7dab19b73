// Across packages, as a store and its agents would see it: the shopper widgets
// and the staff console, each loaded as an app imports them.
import type { Conversation, Statement, StatementList } from '@clientela/contract';
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { TemplateResult } from 'lit';
import type { CrmAgentConsole } from '@clientela/staff';
import '@clientela/staff/crm-agent-console';
import type { CrmPortal } from '@clientela/widgets';
import '@clientela/widgets/crm-account-statement';
import '@clientela/widgets/crm-greeting';
import '@clientela/widgets/crm-points-balance';
import '@clientela/widgets/crm-portal';
import '@clientela/widgets/crm-recommendations';
import '@clientela/widgets/crm-support-chat';
import '@clientela/widgets/crm-wishlist';
import '@clientela/widgets/crm-wishlist-button';
import { addAgent, allowProfiling, asMerchant, freshCustomer, mintSession, rebuildRecommendations } from './server-commands.ts';

/**
 * Strings a shopper, an agent or a merchant can write, meant to run script,
 * break out of an attribute, be read as a template, or reorder what is shown.
 * Each must come back out of every widget as the very text that went in.
 */
const hostileStrings: Record<string, string> = {
  'an image with an error handler': '<img src=x onerror="window.__pwned=1">',
  'a script element': '<script>window.__pwned=1</script>',
  'an attribute breakout into an SVG load handler': '"><svg onload=window.__pwned=1>',
  'a frame with a script in srcdoc': '<iframe srcdoc="<script>parent.__pwned=1</script>">',
  'a style element and a javascript: link': '<style>*{display:none}</style><a href="javascript:__pwned=1">x',
  'markup escaped once': '&lt;img src=x onerror=window.__pwned=1&gt;',
  'a double-brace template': '{{7*7}}',
  'a template literal': '${7*7}',
  'right-to-left overrides and zero-width characters': '\u202Egnp.exe\u202C \u2067<b>مرحبا</b>\u2069 a\u200Bb\u200Cc\u200Dd\u2060e\uFEFFf',
  'a right-to-left override left open': '\u202EAna',
};

/** The interface text a name is set in, as assistive technology reads it: the name between FIRST STRONG ISOLATE and POP DIRECTIONAL ISOLATE. */
const isolated = (name: string) => `\u2068${name}\u2069`;

/**
 * Whether a name shows set apart from the interface text around it: in a
 * `<bdi>` of its own, so a direction override in it ends with it instead of
 * reversing the words after it ("… está escribiendo").
 */
const setApart = (node: Element | null | undefined, name: string) => [...(node?.querySelectorAll('bdi') ?? [])].some((bdi) => textOf(bdi) === name);

/** An image whose SVG carries script of its own: shown as a picture, its script never runs. */
const scriptedSvgImage = `data:image/svg+xml,${encodeURIComponent(
  '<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8" onload="window.__pwned=1"><script>window.__pwned=1</script><rect width="8" height="8" fill="#c00"/></svg>',
)}`;

const pwned = () => (window as { __pwned?: unknown }).__pwned;
const shadow = (element: Element) => element.shadowRoot!;
const part = (element: Element, name: string) => shadow(element).querySelector<HTMLElement>(`[part~='${name}']`);
const all = (element: Element, selector: string) => [...shadow(element).querySelectorAll<HTMLElement>(selector)];
/** Text as the DOM holds it: no trimming or collapsing, which would hide what a zero-width or BOM character did. */
const textOf = (node: Node | null | undefined) => node?.textContent ?? '';
const shows = (nodes: Array<Node | null | undefined>, value: string) => nodes.some((node) => textOf(node).includes(value));

/** Waits for a widget to reach a state; on time-out, says what the widget showed instead. */
async function until(predicate: () => unknown, what: string, widget?: Element | null, timeout = 15_000): Promise<void> {
  try {
    await waitUntil(predicate, what, { timeout });
  } catch {
    const shown = widget ? `; <${widget.localName}> shows: ${textOf(widget.shadowRoot ?? widget).replace(/\s+/g, ' ').trim().slice(0, 800)}` : '';
    throw new Error(`Timed out waiting for ${what}${shown}`);
  }
}

/** Does something now and every second until the wait is over, as a person typing signals again and again. */
async function whileDoing(action: () => void, wait: () => Promise<void>): Promise<void> {
  action();
  const again = setInterval(action, 1000);
  try {
    await wait();
  } finally {
    clearInterval(again);
  }
}

/** Every element under a root (its own shadow root first), through every shadow root on the way. */
function* elementsUnder(root: ParentNode): Generator<Element> {
  if (root instanceof Element && root.shadowRoot) yield* elementsUnder(root.shadowRoot);
  for (const element of root.querySelectorAll('*')) {
    yield element;
    if (element.shadowRoot) yield* elementsUnder(element.shadowRoot);
  }
}

const scriptingTags = new Set(['script', 'iframe', 'frame', 'object', 'embed', 'style', 'link', 'meta', 'base', 'a', 'b']);
const urlAttributes = new Set(['href', 'src', 'srcdoc', 'action', 'formaction', 'xlink:href', 'data', 'poster']);

/**
 * What the hostile strings would have created had any been parsed as markup:
 * elements the widgets never render, event-handler attributes, script URLs,
 * images other than the products' own, SVG that is not the widgets' icons.
 */
function injectedMarkup(root: ParentNode): string[] {
  const found: string[] = [];
  for (const element of elementsUnder(root)) {
    const tag = element.localName;
    if (scriptingTags.has(tag)) found.push(`<${tag}>`);
    if (tag === 'img' && element.getAttribute('src') === 'x') found.push('<img src=x>');
    if (tag === 'svg' && element.getAttribute('aria-hidden') !== 'true') found.push('<svg> that is not an icon');
    for (const { name, value } of element.attributes) {
      if (name.startsWith('on')) found.push(`<${tag} ${name}>`);
      if (urlAttributes.has(name) && /^(javascript|vbscript|data:text)/i.test(value.replace(/[\s\u0000-\u001f]/g, ''))) found.push(`<${tag} ${name}=${value}>`);
    }
  }
  return found;
}

/** Lets images load or fail, so that an error or load handler would have run by now. */
async function settleImages(roots: Element[]): Promise<void> {
  const images = roots.flatMap((root) => [...elementsUnder(root)].filter((element): element is HTMLImageElement => element instanceof HTMLImageElement));
  // A lazy image out of view never loads: it is given a moment, not waited for.
  await Promise.race([Promise.all(images.map((image) => image.decode().catch(() => undefined))), new Promise((resolve) => setTimeout(resolve, 250))]);
  await new Promise((resolve) => setTimeout(resolve, 50));
}

async function expectInert(roots: Element[]): Promise<void> {
  await settleImages(roots);
  for (const root of roots) expect(injectedMarkup(root), `markup created under <${root.localName}>`).to.deep.equal([]);
  expect(pwned(), 'window.__pwned').to.equal(undefined);
}

interface Planted {
  /** The hostile string with a tag naming the field, so that each field is told apart. */
  value: (field: string) => string;
  shopperId: string;
  shopperName: string;
  rewardId: string;
  agent: { email: string; password: string; name: string };
  conversation: Conversation;
  /** A call of the shopper's own, each with a fresh session. */
  shopperFetch: (path: string, init?: RequestInit) => Promise<Response>;
}

const ok = async <T>(call: Promise<{ status: number; body: T }>, what: string) => {
  const { status, body } = await call;
  expect(status, `${what}: ${JSON.stringify(body)}`).to.be.within(200, 299);
  return body;
};

/**
 * Writes a hostile string into every field each side can write, through the
 * real API: the merchant (customer names, products, reward, promotion, points
 * correction, the operator's agent name), the shopper (wishlist note,
 * conversation subject, message, the transaction asked about) — and buys so
 * that the products reach the statement, the points history and the
 * recommendations.
 */
async function plant(hostile: string, run: string): Promise<Planted> {
  const value = (field: string) => `${hostile} #${field}`;
  const productA = `xss-${run}-a`;
  const productB = `xss-${run}-b`;
  const rewardId = `xss-${run}`;
  const agent = { email: `xss-${run}@agents.example`, password: 'una-clave-larga', name: value('agentName') };
  const product = (name: string, description: string, imageUrl: string | null, price: number) => ({ name, description, category: `xss-${run}`, price, stock: 50, imageUrl });
  const order = (id: string, customerId: string, lines: Array<[string, number]>, payment: unknown, placedAt?: Date) => ({
    id,
    customerId,
    currency: 'CLP',
    lines: lines.map(([productId, unitPrice]) => ({ productId, quantity: 1, unitPrice })),
    total: lines.reduce((sum, [, price]) => sum + price, 0),
    payment,
    ...(placedAt ? { placedAt: placedAt.toISOString() } : {}),
  });
  // A promotion over a two-second window in the past, around one purchase: no other purchase falls in it.
  const promotedAt = new Date(Date.now() - 2 * 86_400_000 - Math.floor(Math.random() * 3_600_000));

  const shopperId = `xss-shopper-${run}`;
  const [buyers] = await Promise.all([
    Promise.all([1, 2, 3].map((n) => freshCustomer(`xss-buyer-${run}-${n}`, 'Comprador'))),
    ok(asMerchant('PUT', `/v1/customers/${shopperId}`, { firstName: value('firstName'), lastName: value('lastName'), locale: 'es' }), 'the shopper').then(() => allowProfiling(shopperId)),
    ok(asMerchant('PUT', `/v1/products/${productA}`, product(value('productA'), value('descriptionA'), null, 30_000)), 'product A'),
    ok(asMerchant('PUT', `/v1/products/${productB}`, product(value('productB'), value('descriptionB'), scriptedSvgImage, 40_000)), 'product B'),
    ok(asMerchant('PUT', `/v1/promotions/xss-${run}`, { name: value('promotion'), startsAt: new Date(promotedAt.getTime() - 1000).toISOString(), endsAt: new Date(promotedAt.getTime() + 1000).toISOString(), multiplier: 20_000 }), 'promotion'),
    ok(asMerchant('PUT', `/v1/rewards/${rewardId}`, { name: value('reward'), description: value('rewardDescription'), cost: 150_000, imageUrl: null }), 'reward'),
    addAgent(agent),
  ]);
  // A fresh session for each call: other tests move the server's clock past a session's life.
  const shopperFetch = async (path: string, init: RequestInit = {}) => {
    const { token } = await mintSession(shopperId);
    return fetch(path, { ...init, headers: { authorization: `Bearer ${token}`, 'x-publishable-key': 'pk_test_demo', 'content-type': 'application/json' } });
  };
  const [saved] = await Promise.all([
    shopperFetch(`/v1/me/wishlist/items/${productB}`, { method: 'PUT', body: JSON.stringify({ note: value('note') }) }),
    // Three others buy both together: for the model, B goes with A, with support enough for a reason to name A.
    ...buyers.map((buyer) => ok(asMerchant('POST', '/v1/orders', order(`${buyer}-o`, buyer, [[productA, 30_000], [productB, 40_000]], { method: 'other' })), 'the other order')),
    ok(asMerchant('PUT', `/v1/customers/${shopperId}/card`, { creditLimit: 2_000_000 }), 'store card').then(() =>
      ok(asMerchant('POST', '/v1/orders', order(`${shopperId}-card`, shopperId, [[productA, 30_000]], { method: 'store-card', installments: 3 })), 'the card purchase'),
    ),
    ok(asMerchant('POST', '/v1/orders', order(`${shopperId}-promo`, shopperId, [[productA, 30_000]], { method: 'other' }, promotedAt)), 'the promoted purchase'),
    ok(asMerchant('POST', `/v1/customers/${shopperId}/points/corrections`, { id: `xss-${run}`, amount: 200_000, note: value('correction') }), 'correction'),
  ]);
  // She asks about the line her card purchase put on her open statement: the store fills it in, product A's name and all.
  const { statements } = (await (await shopperFetch('/v1/me/statements')).json()) as StatementList;
  const period = statements[0]!.period;
  const statement = (await (await shopperFetch(`/v1/me/statements/${period}`)).json()) as Statement;
  const asked = statement.transactions.items.find((line) => line.orderId === `${shopperId}-card`)!;
  const started = await shopperFetch('/v1/me/conversations', {
    method: 'POST',
    body: JSON.stringify({
      clientId: `xss-${run}-c`,
      subject: value('subject'),
      message: { clientId: `xss-${run}-m1`, body: value('shopperMessage') },
      attachment: { kind: 'statement-line', period, seq: asked.seq },
    }),
  });
  expect(saved.status).to.be.within(200, 201);
  expect(started.status).to.equal(201);
  // B gets cheaper after she saved it: a price-drop alert names it.
  await ok(asMerchant('PUT', `/v1/products/${productB}`, product(value('productB'), value('descriptionB'), scriptedSvgImage, 35_000)), 'price drop');
  await rebuildRecommendations();
  return { value, shopperId, shopperName: `${value('firstName')} ${value('lastName')}`, rewardId, agent, conversation: (await started.json()) as Conversation, shopperFetch };
}

/**
 * A portal signed in as the planted shopper, renewing the session when it
 * expires as a store page does (other tests move the server's clock on).
 */
async function portalFor(shopperId: string, widgets: TemplateResult) {
  const { token } = await mintSession(shopperId);
  const portal = await fixture<CrmPortal>(html`<crm-portal
    api=${location.origin}
    publishable-key="pk_test_demo"
    token=${token}
    locale="es"
    @crm-token-expired=${async (event: Event) => ((event.currentTarget as CrmPortal).token = (await mintSession(shopperId)).token)}
    >${widgets}</crm-portal
  >`);
  return portal;
}

async function shopperPage(planted: Planted) {
  const portal = await portalFor(
    planted.shopperId,
    html`<crm-greeting></crm-greeting>
      <crm-account-statement></crm-account-statement>
      <crm-points-balance></crm-points-balance>
      <crm-wishlist></crm-wishlist>
      <crm-recommendations limit="4"></crm-recommendations>
      <crm-support-chat></crm-support-chat>`,
  );
  const widget = <K extends keyof HTMLElementTagNameMap>(tag: K) => portal.querySelector(tag)!;
  return {
    portal,
    greeting: widget('crm-greeting'),
    statement: widget('crm-account-statement'),
    points: widget('crm-points-balance'),
    wishlist: widget('crm-wishlist'),
    recommendations: widget('crm-recommendations'),
  };
}

async function chatFor(planted: Planted) {
  const portal = await portalFor(planted.shopperId, html`<crm-support-chat mode="inline"></crm-support-chat>`);
  return portal.querySelector('crm-support-chat')!;
}

async function agentConsoleAs(agent: Planted['agent']) {
  const element = await fixture<CrmAgentConsole>(html`<crm-agent-console api=${location.origin} publishable-key="pk_test_demo" lang="es"></crm-agent-console>`);
  const form = part(element, 'login') as HTMLFormElement;
  form.querySelector<HTMLInputElement>('#email')!.value = agent.email;
  form.querySelector<HTMLInputElement>('#password')!.value = agent.password;
  form.requestSubmit();
  await until(() => shadow(element).querySelector('.connection.live'), 'the console is live', element);
  return element;
}

describe('hostile strings render as inert text', () => {
  // Read receipts and "seen" wait for a visible page; this one may run behind another tab.
  before(() => Object.defineProperty(document, 'visibilityState', { value: 'visible', configurable: true }));
  after(() => delete (document as { visibilityState?: unknown }).visibilityState);
  beforeEach(() => delete (window as { __pwned?: unknown }).__pwned);
  afterEach(() => {
    sessionStorage.removeItem('clientela:agent-session:pk_test_demo');
    for (const key of Object.keys(localStorage)) if (key.startsWith('clientela:chat-outbox:') || key.startsWith('clientela:agent-outbox:')) localStorage.removeItem(key);
  });

  it('would see the markup and the script a string parsed as HTML creates', async () => {
    const host = document.body.appendChild(document.createElement('div'));
    // What a widget would do with `unsafeHTML` or `innerHTML`: the very thing the widgets must never do.
    host.attachShadow({ mode: 'open' }).innerHTML = Object.values(hostileStrings).join(' ');
    await waitUntil(() => pwned() !== undefined, 'the image fails to load', { timeout: 5000 }).finally(() => host.remove());
    expect(injectedMarkup(host)).to.include.members(['<img src=x>', '<img onerror>', '<script>', '<svg> that is not an icon', '<svg onload>', '<iframe>', '<style>', '<a>', '<a href=javascript:__pwned=1>', '<b>']);
    expect(pwned(), 'the image error handler ran').to.equal(1);
    expect(textOf(host.shadowRoot)).to.not.contain(hostileStrings['an image with an error handler']);
  });

  it('the API refuses script URLs as product and reward images', async () => {
    const scriptUrls = ['javascript:window.__pwned=1', 'JavaScript:window.__pwned=1', ' javascript:window.__pwned=1', 'java\tscript:window.__pwned=1', 'vbscript:msgbox(1)', 'data:text/html,<script>window.__pwned=1</script>'];
    for (const imageUrl of scriptUrls) {
      const product = await asMerchant('PUT', '/v1/products/xss-url', { name: 'Imagen', price: 1_000, stock: 1, imageUrl });
      expect(product.status, `product image ${JSON.stringify(imageUrl)}`).to.equal(400);
      expect(JSON.stringify(product.body)).to.contain('imageUrl');
      const reward = await asMerchant('PUT', '/v1/rewards/xss-url', { name: 'Imagen', cost: 1, imageUrl });
      expect(reward.status, `reward image ${JSON.stringify(imageUrl)}`).to.equal(400);
      expect(JSON.stringify(reward.body)).to.contain('imageUrl');
    }
  });

  for (const [label, hostile] of Object.entries(hostileStrings)) {
    describe(label, () => {
      let planted: Planted;
      before(async function () {
        this.timeout(30_000);
        planted = await plant(hostile, Math.random().toString(36).slice(2, 10));
      });

      it("shows it as typed in the shopper's greeting, statement, points, wishlist and recommendations", async function () {
        this.timeout(60_000);
        const { value } = planted;
        const page = await shopperPage(planted);
        const { greeting, statement, points, wishlist, recommendations } = page;
        await until(() => part(greeting, 'title'), 'the greeting', greeting);
        expect(textOf(part(greeting, 'title'))).to.contain(`Hola, ${value('firstName')}`);
        expect(setApart(part(greeting, 'title'), value('firstName')), 'the name in the greeting is set apart').to.equal(true);


        await until(() => all(statement, 'tbody tr').length > 0, 'the statement lines', statement);
        expect(shows(all(statement, 'tbody td'), value('productA')), 'the purchase on the statement').to.equal(true);
        const askLabels = all(statement, '[part~=ask-button]').map((button) => button.getAttribute('aria-label') ?? '');
        expect(askLabels.some((label) => label.includes(isolated(value('productA')))), 'the ask button names the purchase, set apart').to.equal(true);
        expect(all(statement, 'tbody td.description').some((cell) => setApart(cell, value('productA'))), 'the purchase set apart on the statement').to.equal(true);

        await until(() => part(points, 'history'), 'the points', points);
        const reward = all(points, '[part~=reward]').find((card) => card.querySelector('h4')?.id === `reward-${planted.rewardId}`)!;
        expect(textOf(reward.querySelector('h4'))).to.equal(value('reward'));
        expect(textOf(reward.querySelector('.muted'))).to.equal(value('rewardDescription'));
        const history = textOf(part(points, 'history'));
        expect(history).to.contain(`Compra: ${value('productA')}`);
        expect(history).to.contain(`Promoción: ${value('promotion')}`);
        expect(history).to.contain(`Ajuste: ${value('correction')}`);
        reward.querySelector<HTMLButtonElement>('[part~=redeem-button]')!.click();
        await until(() => shadow(points).querySelector('dialog')?.open, 'the confirmation', points, 5000);
        const dialog = shadow(points).querySelector('dialog')!;
        expect(textOf(dialog)).to.contain(value('reward'));
        dialog.querySelector<HTMLButtonElement>('[part~=redeem-button]')!.click();
        await until(() => dialog.querySelector('.code'), 'the code', points);
        expect(textOf(dialog.querySelector('h3'))).to.contain(value('reward'));
        await until(() => textOf(part(points, 'history')).includes(`Canje: ${value('reward')}`), 'the redemption in the history', points);
        await expectInert([page.portal]);
        dialog.close();


        await until(() => part(wishlist, 'alerts') && all(wishlist, '[part~=item]').length > 0, 'the wishlist with its alert', wishlist);
        const saved = all(wishlist, '[part~=item]').find((item) => textOf(item.querySelector('h3')) === value('productB'));
        expect(saved, 'product B in the wishlist').to.not.equal(undefined);
        expect(saved!.querySelector<HTMLInputElement>('input[type=text]')!.value).to.equal(value('note'));
        const image = saved!.querySelector('img')!;
        expect(image.getAttribute('src')).to.equal(scriptedSvgImage);
        // Loaded now, in or out of view: once it has, any handler in it would have run.
        image.loading = 'eager';
        await until(() => image.complete && image.naturalWidth > 0, 'the picture loads', undefined, 5000);
        expect(image.naturalWidth, 'the SVG shows as a picture').to.equal(8);
        expect(textOf(part(wishlist, 'alerts'))).to.contain(`${value('productB')} bajó de`);
        expect(setApart(part(wishlist, 'alerts'), value('productB')), 'the product in the price-drop alert is set apart').to.equal(true);

        await until(() => all(recommendations, '[part~=card]').length > 0, 'the recommendations', recommendations);
        const card = all(recommendations, '[part~=card]').find((c) => textOf(c.querySelector('h3')) === value('productB'));
        expect(card, 'product B recommended').to.not.equal(undefined);
        expect(textOf(card!.querySelector('[part~=reason]'))).to.equal(`Porque compraste ${value('productA')}`);
        expect(setApart(card!.querySelector('[part~=reason]'), value('productA')), 'the product in the reason is set apart').to.equal(true);
        const heart = card!.querySelector('crm-wishlist-button')!;
        await heart.updateComplete;
        expect(part(heart, 'base')!.getAttribute('aria-label')).to.equal(`Guardar ${isolated(value('productB'))} en favoritos`);

        await expectInert([page.portal]);
      });

      it('shows it as typed on both sides of a support conversation, and in the console’s customer panel', async function () {
        this.timeout(60_000);
        const { value, conversation, shopperFetch, shopperName } = planted;
        const agentConsole = await agentConsoleAs(planted.agent);
        expect(textOf(shadow(agentConsole).querySelector('[part~=header] .agent'))).to.equal(`Sesión de ${planted.agent.name}`);
        expect(setApart(shadow(agentConsole).querySelector('[part~=header] .agent'), planted.agent.name), "the agent's name set apart").to.equal(true);

        const listed = () => all(agentConsole, '[part~=conversation]').find((button) => textOf(button.querySelector('.name')) === shopperName);
        await until(listed, 'the conversation in the inbox', agentConsole);
        expect(textOf(listed()!.querySelector('.subject'))).to.equal(value('subject'));
        expect(textOf(listed()!.querySelector('.preview'))).to.equal(value('shopperMessage'));
        // The inbox line: the customer's name, the subject and the last message, each set apart from what follows it.
        expect(['.name', '.subject', '.preview'].map((field) => listed()!.querySelector(field)?.localName)).to.deep.equal(['bdi', 'bdi', 'bdi']);
        listed()!.click();
        await until(() => all(agentConsole, '[part~=log] .message .text').length === 1, 'the conversation opens', agentConsole);
        const thread = part(agentConsole, 'thread')!;
        expect(textOf(thread.querySelector('#thread-title'))).to.equal(value('subject'));
        expect(textOf(thread.querySelector('.message .text'))).to.equal(value('shopperMessage'));
        expect(textOf(thread.querySelector('.message .author'))).to.equal(shopperName);
        expect(textOf(part(agentConsole, 'attachment'))).to.contain(value('productA'));

        [...thread.querySelectorAll<HTMLButtonElement>('.actions button')].find((button) => textOf(button).trim() === 'Asignarme')!.click();
        await until(() => textOf(thread.querySelector('.meta')).includes(`Asignada a ${planted.agent.name}`), 'assigned to the agent', agentConsole);
        expect(textOf(thread.querySelector('.meta'))).to.contain(shopperName);
        expect(setApart(thread.querySelector('.meta'), shopperName), "the customer's name set apart in the thread's line").to.equal(true);
        expect(setApart(thread.querySelector('.meta'), planted.agent.name), "the agent's name set apart in the thread's line").to.equal(true);

        await until(() => part(agentConsole, 'customer') && !part(agentConsole, 'customer')!.ariaBusy, 'the customer panel', agentConsole);
        const panel = part(agentConsole, 'customer')!;
        expect(textOf(panel.querySelector('#customer-name'))).to.equal(shopperName);
        expect(shows([...panel.querySelectorAll('.orders .items')], value('productA')), 'the orders').to.equal(true);
        expect(shows([...panel.querySelectorAll('.wishlist li')], value('productB')), 'the wishlist').to.equal(true);

        const composer = part(agentConsole, 'composer')!.querySelector('textarea')!;
        composer.value = value('agentMessage');
        composer.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true }));
        await until(() => all(agentConsole, '[part~=log] .message:not(.pending) .text').length === 2, 'the reply is stored', agentConsole);

        const chat = await chatFor(planted);
        const mine = () => all(chat, '[part~=conversation]').find((button) => textOf(button.querySelector('.subject')) === value('subject'));
        await until(mine, "the conversation in the shopper's chat", chat);
        expect(textOf(mine()!.querySelector('.preview'))).to.equal(value('agentMessage'));
        mine()!.click();
        await until(() => all(chat, '[part~=log] .message .text').length === 2, 'the thread opens', chat);
        expect(all(chat, '[part~=log] .message .text').map(textOf)).to.deep.equal([value('shopperMessage'), value('agentMessage')]);
        expect(textOf(shadow(chat).querySelector('.message.agent .author'))).to.equal(planted.agent.name);
        expect(textOf(shadow(chat).querySelector('.thread-head h3'))).to.equal(value('subject'));
        expect(textOf(part(chat, 'attachment'))).to.contain(value('productA'));

        // Typing, both ways: each side names the other. A signal is not stored, so each side keeps typing until the other sees it.
        await whileDoing(
          () => composer.dispatchEvent(new Event('input', { bubbles: true, composed: true })),
          () => until(() => textOf(shadow(chat).querySelector('.typing')).includes(`${planted.agent.name} está escribiendo`), 'the agent typing', chat),
        );
        expect(setApart(shadow(chat).querySelector('.typing'), planted.agent.name), "the agent's name set apart from 'está escribiendo'").to.equal(true);
        const signals: number[] = [];
        await whileDoing(
          () => void shopperFetch(`/v1/me/conversations/${conversation.id}/typing`, { method: 'POST' }).then((response) => signals.push(response.status)),
          () => until(() => textOf(shadow(agentConsole).querySelector('.typing')).includes(`${shopperName} está escribiendo`), 'the shopper typing', part(agentConsole, 'thread')),
        ).catch((error: Error) => {
          throw new Error(`${error.message}; the typing signals were answered ${signals.join(', ')}`);
        });
        expect(setApart(shadow(agentConsole).querySelector('.typing'), shopperName), "the customer's name set apart from 'está escribiendo'").to.equal(true);

        [...thread.querySelectorAll<HTMLButtonElement>('.actions button')].find((button) => textOf(button).trim() === 'Resolver')!.click();
        await until(() => part(chat, 'rating'), 'the shopper is asked to rate', chat);
        expect((await shopperFetch(`/v1/me/conversations/${conversation.id}/rating`, { method: 'POST', body: JSON.stringify({ score: 2, comment: value('rating') }) })).status).to.equal(200);
        await until(() => shows(all(agentConsole, '[part~=thread] .note'), `«${value('rating')}»`), 'the rating in the console', agentConsole);

        await expectInert([agentConsole, chat]);
      });
    });
  }
});
