import { ApiError, createClient, type Client } from '@clientela/client';
import type { AgentSession, Tier } from '@clientela/contract';
import { getOverview, getRedemption, listCustomers, listOrigins, listRewardCatalog } from '@clientela/contract/routes';
import { CrmElement, CrmErrorEvent, isolatedText, LocalizeController, scriptOrigin } from '@clientela/widgets/internal';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { keepSession, signIn, signOut, storedSession } from '../../internal/staff-session.ts';
import { backOfficeTranslations, type BackOfficeTranslation } from '../../translations/back-office.ts';
import styles from './back-office.styles.ts';
import { CustomerPage } from './customer-page.ts';
import { CustomersPage } from './customers-page.ts';
import { LoyaltyPage } from './loyalty-page.ts';
import { may, problemText, views, type Office, type View } from './office.ts';
import { OverviewPage } from './overview-page.ts';
import { SettingsPage } from './settings-page.ts';
import { TillPage } from './till-page.ts';

/** The call each page starts with: a role that may not make it does not see the page (the server refuses the call anyway). */
const pageRoutes = {
  overview: getOverview,
  customers: listCustomers,
  loyalty: listRewardCatalog,
  till: getRedemption,
  settings: listOrigins,
} as const;

/** The back office's pages, each with its own state. */
interface Pages {
  overview: OverviewPage;
  customers: CustomersPage;
  customer: CustomerPage;
  loyalty: LoyaltyPage;
  till: TillPage;
  settings: SettingsPage;
}

/** Where the store's publishable key is kept when the page does not name one: typed once at the first sign-in on this browser. */
const storedKeyName = 'clientela:back-office:publishable-key';

/**
 * The merchant's workplace, served by the Clientela API at `/admin/`: it
 * needs no `<crm-portal>`. Staff sign in with the same email and password as
 * in the agent console (and the same session, within a browser tab); what
 * each page offers follows their role, and the API checks every call against
 * the same roles.
 *
 * @summary The merchant's back office: the customer pyramid and lifetime value in pictures (each with its table), finding customers and seeing one whole with the staff's notes, rewards, promotions and earning rules, honouring a code at the till, and the store's origins, keys, card rules, support hours and webhooks.
 *
 * @csspart base - The back office's box.
 * @csspart header - Who is signed in, and signing out.
 * @csspart login - The sign-in form.
 * @csspart nav - The pages the member's role may open.
 * @csspart page - The open page.
 * @csspart chart - A chart with its table.
 * @csspart best-customers - The overview's best customers.
 * @csspart customer-list - The customers found.
 * @csspart profile - A customer's profile.
 * @csspart notes - A customer's follow-up notes.
 * @csspart correction - The form that corrects a customer's points.
 * @csspart rewards - The rewards catalog.
 * @csspart reward-form - The form that creates or edits a reward.
 * @csspart promotions - The promotions.
 * @csspart promotion-form - The form that schedules a promotion.
 * @csspart earning-rules - Tier multipliers and the birthday bonus.
 * @csspart till - The code form at the till.
 * @csspart till-message - What the till says about the last code (a polite live region).
 * @csspart redemption - The redemption a code names.
 * @csspart origins - The allowed origins.
 * @csspart keys - The store's keys.
 * @csspart roll - The form that replaces a key (owners only).
 * @csspart secret - A secret shown once.
 * @csspart card-rules - The store card's rules.
 * @csspart support-hours - Support hours.
 * @csspart webhooks - Webhook endpoints and deliveries.
 * @csspart tier - A tier badge.
 *
 * @cssproperty --crm-office-accent - Buttons, links and the first chart series; defaults to --crm-color-accent.
 * @cssproperty --crm-office-background - Background; defaults to --crm-color-surface.
 * @cssproperty --crm-chart-1 - The second chart series; each of --crm-chart-2 to --crm-chart-5 the next ones.
 *
 * @fires {CrmErrorEvent} crm-error - A call to the API failed in a way the page does not show itself.
 */
export class CrmBackOffice extends CrmElement {
  static override styles = styles;
  static override properties = {
    api: { type: String },
    publishableKey: { type: String, attribute: 'publishable-key' },
    client: { attribute: false },
    session: { state: true },
    view: { state: true },
    customerId: { state: true },
    loginError: { state: true },
  };

  /** Base URL of the Clientela API; the origin of the script when left out. */
  declare api: string | undefined;
  /** The store's publishable key (`pk_…`); when left out, the sign-in form asks for it once. */
  declare publishableKey: string | undefined;
  /** An API client to use instead of one made from `api` and the publishable key. */
  declare client: Client | undefined;
  declare session: AgentSession | null;
  declare view: View;
  /** The customer whose page is open, over the customers page. */
  declare customerId: string | null;
  declare loginError: string;

  readonly #i18n = new LocalizeController(this);
  #client: Client | undefined;
  #currency = 'CLP';
  readonly #office: Office;
  #pages: Pages;

  constructor() {
    super();
    this.session = null;
    this.view = 'overview';
    this.customerId = null;
    this.loginError = '';
    const element = this;
    this.#office = {
      get client() {
        return element.#client!;
      },
      get member() {
        return element.session!.agent;
      },
      get i18n() {
        return element.#i18n;
      },
      get terms() {
        return element.#terms;
      },
      get currency() {
        return element.#currency;
      },
      update: () => this.requestUpdate(),
      openCustomer: (id) => this.#openCustomer(id),
      show: (view) => this.#show(view),
      openTier: (tier: Tier) => {
        this.#pages.customers.showTier(tier);
        void this.#show('customers', { load: false });
      },
      failed: (error) => this.#failed(error),
    };
    this.#pages = this.#newPages();
  }

  /** Every page, empty: what a member signing in starts from, nothing left of the one before. */
  #newPages(): Pages {
    return {
      overview: new OverviewPage(this.#office),
      customers: new CustomersPage(this.#office),
      customer: new CustomerPage(this.#office),
      loyalty: new LoyaltyPage(this.#office),
      till: new TillPage(this.#office),
      settings: new SettingsPage(this.#office),
    };
  }

  get #terms(): BackOfficeTranslation {
    return backOfficeTranslations[this.#i18n.locale];
  }

  /** The publishable key: the page's, else the one typed at the last sign-in on this browser. */
  get #key(): string {
    return this.publishableKey || localStorage.getItem(storedKeyName) || '';
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('api') || changed.has('publishableKey') || changed.has('client') || !this.#client) {
      this.#connect();
      this.#signIn(storedSession(this.#key));
    }
  }

  #connect(): void {
    const key = this.#key;
    this.#client = this.client ?? createClient({ api: this.api || scriptOrigin, ...(key ? { publishableKey: key } : {}) });
  }

  /** The pages the member's role may open, in the order of the menu. */
  get #allowed(): View[] {
    return this.session ? views.filter((view) => may(this.#office, pageRoutes[view])) : [];
  }

  #signIn(session: AgentSession | null): void {
    this.session = session;
    this.customerId = null;
    this.#pages = this.#newPages();
    keepSession(this.#key, session);
    if (!session || !this.#client) return;
    this.#client.token = session.token;
    // The store's currency, for the amounts forms take: every role may list customers.
    void this.#client
      .call(listCustomers, { query: { limit: 1 } })
      .then((page) => (this.#currency = page.items[0]?.lifetimeValue.currency ?? this.#currency))
      .catch(() => undefined);
    const first = this.#allowed[0];
    if (first) void this.#show(first, { focus: false });
  }

  async #login(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    this.loginError = '';
    const typedKey = String(data.get('publishableKey') ?? '').trim();
    if (typedKey) {
      localStorage.setItem(storedKeyName, typedKey);
      this.#connect();
    }
    try {
      this.#signIn(await signIn(this.#client!, this.#key, String(data.get('email') ?? ''), String(data.get('password') ?? '')));
    } catch (error) {
      this.loginError = error instanceof ApiError && (error.status === 401 || error.status === 400) ? this.#terms.wrongLogin : problemText(error, this.#terms);
    }
  }

  #signOut(): void {
    if (this.#client) void signOut(this.#client).catch((error: unknown) => this.#failed(error));
    this.#signIn(null);
  }

  /** A lapsed or ended session signs the member out; anything else is reported to the page. */
  #failed(error: unknown): void {
    if (error instanceof ApiError && error.status === 401) this.#signIn(null);
    else this.emit(new CrmErrorEvent(error, this.localName));
  }

  async #show(view: View, options: { load?: boolean; focus?: boolean } = {}): Promise<void> {
    this.view = view;
    this.customerId = null;
    if (options.load !== false) {
      if (view === 'customers') {
        if (this.#pages.customers.status === 'idle') void this.#pages.customers.load();
      } else if (view !== 'till') this.#pages[view].load();
    }
    if (options.focus !== false) await this.#focusPage();
  }

  async #openCustomer(id: string): Promise<void> {
    this.view = 'customers';
    this.customerId = id;
    this.#pages.customer.open(id);
    await this.#focusPage();
  }

  /** Moves focus to the new page's heading, so that a screen reader hears where the member is. */
  async #focusPage(): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#page-title')?.focus();
  }

  #loginView(): TemplateResult {
    const t = this.#terms;
    return html`<section part="base" class="signed-out">
      <form part="login" @submit=${(event: SubmitEvent) => this.#login(event)}>
        <h2>${t.signInTitle}</h2>
        ${this.publishableKey
          ? nothing
          : html`<label for="publishable-key">${t.storeKey}</label>
              <input id="publishable-key" class="field" name="publishableKey" required pattern="pk_.+" autocomplete="off" .value=${this.#key} />`}
        <label for="email">${t.email}</label>
        <input id="email" class="field" name="email" type="email" autocomplete="username" required />
        <label for="password">${t.password}</label>
        <input id="password" class="field" name="password" type="password" autocomplete="current-password" required />
        <p class="error" role="alert">${this.loginError}</p>
        <button type="submit" class="primary">${t.signIn}</button>
      </form>
    </section>`;
  }

  protected override render(): TemplateResult {
    const t = this.#terms;
    const session = this.session;
    if (!session || !this.#client) return this.#loginView();
    const allowed = this.#allowed;
    const view = allowed.includes(this.view) ? this.view : allowed[0];
    const title = this.customerId ? t.customerPage : view ? t.views[view] : t.title;
    return html`<section part="base">
      <div part="header">
        <nav part="nav" aria-label=${t.sections}>
          ${allowed.map(
            (item) => html`<button type="button" aria-current=${item === view ? 'page' : 'false'} @click=${() => this.#show(item)}>${t.views[item]}</button>`,
          )}
        </nav>
        <span class="member">${isolatedText(t.signedInAs(session.agent.name, t.roles[session.agent.role]))}</span>
        <button type="button" class="sign-out" @click=${() => this.#signOut()}>${t.signOut}</button>
      </div>
      <div part="page" data-view=${this.customerId ? 'customer' : (view ?? '')}>
        <h2 id="page-title" tabindex="-1">${title}</h2>
        ${this.customerId ? this.#pages.customer.render() : view ? this.#pages[view].render() : nothing}
      </div>
    </section>`;
  }
}
