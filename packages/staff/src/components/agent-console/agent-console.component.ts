import { ApiError, createClient, type Client } from '@clientela/client';
import type { AgentConversation, AgentSession, ChatMessage, ConversationStatus, CustomerPanel, InboxView } from '@clientela/contract';
import { conversationStatuses, getAgentCustomer, inboxViews } from '@clientela/contract/routes';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { attachmentCard, CrmElement, CrmErrorEvent, errorMessage, isolatedText, LocalizeController, scriptOrigin, sendOnEnter, sentAt, thread } from '@clientela/widgets/internal';
import { AgentDesk } from '../../internal/agent-desk.ts';
import { keepSession, signIn, signOut, storedSession } from '../../internal/staff-session.ts';
import { consoleTranslations, type ConsoleTranslation } from '../../translations/console.ts';
import styles from './agent-console.styles.ts';

type PanelState = { status: 'loading' } | { status: 'error'; error: unknown } | { status: 'ready'; panel: CustomerPanel };

/**
 * For the store's own support page, not for shoppers: it needs no
 * `<crm-portal>`. Give it the merchant's `publishable-key` (and `api` when the
 * API is not where the script came from); agents sign in with their email and
 * password, and stay signed in for the browser tab.
 *
 * @summary The support agents' console: sign-in, the inbox (unassigned, mine, all; by status), conversations answered in real time, assignment and resolution, and the whole customer beside the chat: tier, points, lifetime value, store card, wishlist and recent orders.
 *
 * @csspart base - The console's box.
 * @csspart header - Title, connection and the signed-in agent.
 * @csspart login - The sign-in form.
 * @csspart inbox - The list of conversations and its filters.
 * @csspart conversation - One conversation in the inbox.
 * @csspart thread - The open conversation.
 * @csspart log - Its messages (one polite live region).
 * @csspart message - One message.
 * @csspart pending-message - A reply still on its way (it is a `message` too).
 * @csspart composer - Where the agent replies.
 * @csspart attachment - What the shopper asked about.
 * @csspart customer - The customer panel.
 * @csspart tier - The customer's tier badge.
 *
 * @cssproperty --crm-console-accent - Buttons and the agent's messages; defaults to --crm-color-accent.
 * @cssproperty --crm-console-background - Background; defaults to --crm-color-surface.
 * @cssproperty --crm-console-height - Height of the three columns; 100dvh less the header.
 * @cssproperty --crm-chat-theirs-background - The customer's messages; defaults to --crm-color-surface-subtle.
 *
 * @fires {CrmErrorEvent} crm-error - A call to the API failed.
 */
export class CrmAgentConsole extends CrmElement {
  static override styles = styles;
  static override properties = {
    api: { type: String },
    publishableKey: { type: String, attribute: 'publishable-key' },
    client: { attribute: false },
    session: { state: true },
    loginError: { state: true },
    customer: { state: true },
  };

  /** Base URL of the Clientela API; the origin of the widget scripts when left out. */
  declare api: string | undefined;
  /** The merchant's publishable key (`pk_…`). */
  declare publishableKey: string | undefined;
  /** An API client to use instead of one made from `api` and `publishable-key`. */
  declare client: Client | undefined;
  declare session: AgentSession | null;
  declare loginError: string;
  declare customer: PanelState | null;

  readonly #i18n = new LocalizeController(this);
  #client: Client | undefined;

  get #terms(): ConsoleTranslation {
    return consoleTranslations[this.#i18n.locale];
  }

  #desk: AgentDesk | undefined;
  #customerOf: string | null = null;
  readonly #onChange = () => this.requestUpdate();

  constructor() {
    super();
    this.session = null;
    this.loginError = '';
    this.customer = null;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.#desk) {
      this.#desk.addEventListener('change', this.#onChange);
      void this.#desk.list();
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#desk?.removeEventListener('change', this.#onChange);
    this.#desk?.close();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('api') || changed.has('publishableKey') || changed.has('client') || !this.#client) {
      this.#client = this.client ?? createClient({ api: this.api || scriptOrigin, ...(this.publishableKey ? { publishableKey: this.publishableKey } : {}) });
      this.#signIn(storedSession(this.publishableKey ?? ''));
    }
    const current = this.#desk?.current ?? null;
    if ((current?.customer.id ?? null) !== this.#customerOf) {
      this.#customerOf = current?.customer.id ?? null;
      if (current) void this.#loadCustomer(current.customer.id);
      else this.customer = null;
    }
  }

  #signIn(session: AgentSession | null): void {
    this.#desk?.removeEventListener('change', this.#onChange);
    this.#desk?.close();
    this.#desk = undefined;
    this.session = session;
    this.#customerOf = null;
    this.customer = null;
    keepSession(this.publishableKey ?? '', session);
    if (!session || !this.#client) return;
    this.#client.token = session.token;
    const desk = new AgentDesk(this.#client, session.agent);
    desk.addEventListener('change', this.#onChange);
    this.#desk = desk;
    void desk.list().then(() => {
      if (desk.inboxState === 'error') this.#failed(desk.error);
    });
  }

  async #login(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    const t = this.#i18n.term;
    this.loginError = '';
    try {
      this.#signIn(await signIn(this.#client!, this.publishableKey ?? '', String(data.get('email') ?? ''), String(data.get('password') ?? '')));
    } catch (error) {
      this.loginError = error instanceof ApiError && (error.status === 401 || error.status === 400) ? this.#terms.wrongLogin : errorMessage(error, t);
    }
  }

  /** Ends the session on the server too, so the token is refused from now on; the console forgets it at once either way. */
  #signOut(): void {
    if (this.#client) void signOut(this.#client).catch((error: unknown) => this.#failed(error));
    this.#signIn(null);
  }

  /** A failed call: an expired session signs the agent out; anything else is reported. */
  #failed(error: unknown): void {
    if (error instanceof ApiError && error.status === 401) this.#signIn(null);
    else this.emit(new CrmErrorEvent(error, this.localName));
  }

  async #run(action: () => Promise<void>): Promise<void> {
    try {
      await action();
    } catch (error) {
      this.#failed(error);
    }
  }

  async #loadCustomer(customerId: string): Promise<void> {
    this.customer = { status: 'loading' };
    try {
      const panel = await this.#client!.call(getAgentCustomer, { params: { id: customerId } });
      if (this.#customerOf === customerId) this.customer = { status: 'ready', panel };
    } catch (error) {
      if (this.#customerOf === customerId) this.customer = { status: 'error', error };
      this.#failed(error);
    }
  }

  #open(id: string): void {
    void this.#run(async () => {
      await this.#desk!.open(id);
      await this.updateComplete;
      const log = this.renderRoot.querySelector('[part~="log"]');
      if (log) log.scrollTop = log.scrollHeight;
      this.renderRoot.querySelector<HTMLTextAreaElement>('[part="composer"] textarea')?.focus();
    });
  }

  async #reply(event: SubmitEvent, conversationId: string): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const body = new FormData(form).get('body')?.toString().trim() ?? '';
    if (!body) return;
    form.reset();
    await this.#run(() => this.#desk!.send(conversationId, body));
    const log = this.renderRoot.querySelector('[part~="log"]');
    if (log) log.scrollTop = log.scrollHeight;
  }

  protected override updated(): void {
    const log = this.renderRoot.querySelector('[part~="log"]');
    // New messages scroll into view while the agent is at the bottom.
    if (log && log.scrollHeight - log.scrollTop - log.clientHeight < 160) log.scrollTop = log.scrollHeight;
  }

  #loginView() {
    const t = this.#i18n.term;
    return html`<form part="login" @submit=${this.#login}>
      <h2>${this.#terms.signInTitle}</h2>
      <label for="email">${this.#terms.email}</label>
      <input id="email" class="field" name="email" type="email" autocomplete="username" required />
      <label for="password">${this.#terms.password}</label>
      <input id="password" class="field" name="password" type="password" autocomplete="current-password" required />
      <p class="error" role="alert">${this.loginError}</p>
      <button type="submit" class="primary">${this.#terms.signIn}</button>
    </form>`;
  }

  #inbox(desk: AgentDesk) {
    const t = this.#i18n.term;
    return html`<nav part="inbox" aria-label=${this.#terms.inbox}>
      <div class="filters">
        <div role="group" aria-label=${this.#terms.inbox} class="views">
          ${inboxViews.map(
            (view: InboxView) => html`<button type="button" aria-pressed=${desk.view === view ? 'true' : 'false'} @click=${() => this.#run(() => desk.filter(view, desk.status))}>
              ${this.#terms.views[view]}
            </button>`,
          )}
        </div>
        <label>
          ${this.#terms.status}
          <select class="field" @change=${(event: Event) => this.#run(() => desk.filter(desk.view, (event.target as HTMLSelectElement).value as ConversationStatus))}>
            ${conversationStatuses.map((status) => html`<option value=${status} ?selected=${desk.status === status}>${this.#terms.statuses[status]}</option>`)}
          </select>
        </label>
      </div>
      ${desk.inboxState === 'error'
        ? html`<p role="alert">${errorMessage(desk.error, t)}</p>
            <button type="button" @click=${() => this.#run(() => desk.list())}>${t.retry}</button>`
        : desk.conversations.length === 0
          ? html`<p class="empty" aria-busy=${desk.inboxState === 'loading' ? 'true' : 'false'}>${desk.inboxState === 'loading' ? t.loading : this.#terms.empty}</p>`
          : html`<ul>
              ${repeat(
                desk.conversations,
                (conversation) => conversation.id,
                (conversation) => html`<li>
                  <button part="conversation" type="button" aria-current=${desk.current?.id === conversation.id ? 'true' : 'false'} @click=${() => this.#open(conversation.id)}>
                    <bdi class="name">${conversation.customer.name}</bdi>
                    <span part="tier" data-tier=${conversation.customer.tier}>${t.tiers[conversation.customer.tier]}</span>
                    <bdi class="subject">${conversation.subject || t.chatUntitled}</bdi>
                    <bdi class="preview">${conversation.lastMessage?.body ?? ''}</bdi>
                    <span class="meta">
                      <time datetime=${conversation.updatedAt}>${sentAt(this.#i18n, conversation.updatedAt)}</time> ·
                      ${conversation.assignedAgent ? html`<bdi>${conversation.assignedAgent.name}</bdi>` : this.#terms.unassigned}
                    </span>
                    ${conversation.unreadByAgents > 0 ? html`<span class="unread">${t.chatUnread(conversation.unreadByAgents)}</span>` : nothing}
                  </button>
                </li>`,
              )}
            </ul>`}
    </nav>`;
  }

  #authorLabel = (message: ChatMessage): string => {
    const t = this.#i18n.term;
    const current = this.#desk?.current;
    if (message.author === 'shopper') return current?.customer.name ?? this.#terms.customer;
    return message.authorName ?? t.chatStore;
  };

  #thread(desk: AgentDesk, conversation: AgentConversation | null) {
    const t = this.#i18n.term;
    if (!conversation) return html`<section part="thread" class="placeholder"><p>${this.#terms.pick}</p></section>`;
    const mine = conversation.assignedAgent?.id === desk.agent.id;
    const currency = this.customer?.status === 'ready' ? this.customer.panel.currency : null;
    const id = conversation.id;
    return html`<section part="thread" aria-labelledby="thread-title">
      <div class="thread-head">
        <div>
          <h3 id="thread-title">${conversation.subject || t.chatUntitled}</h3>
          <p class="meta">
            <bdi>${conversation.customer.name}</bdi> · ${this.#terms.statuses[conversation.status]} ·
            ${conversation.assignedAgent ? isolatedText(this.#terms.assignedTo(conversation.assignedAgent.name)) : this.#terms.unassigned}
          </p>
        </div>
        <div class="actions">
          ${mine
            ? html`<button type="button" @click=${() => this.#run(() => desk.assign(id, null))}>${this.#terms.unassign}</button>`
            : html`<button type="button" @click=${() => this.#run(() => desk.assign(id))}>${this.#terms.assignToMe}</button>`}
          ${conversation.status === 'resolved' ? nothing : html`<button type="button" class="primary" @click=${() => this.#run(() => desk.resolve(id))}>${this.#terms.resolve}</button>`}
        </div>
      </div>
      ${conversation.startedOffline ? html`<p class="note">${this.#terms.startedOffline}</p>` : nothing}
      ${conversation.attachment ? attachmentCard(this.#i18n, conversation.attachment, currency) : nothing}
      ${conversation.rating ? html`<p class="note">${isolatedText(this.#terms.rating(conversation.rating.score, conversation.rating.comment))}</p>` : nothing}
      <div part="log" role="log" aria-live="polite" aria-labelledby="thread-title" tabindex="0">
        ${thread(this.#i18n, desk.messages(id), desk.pending(id), {
          side: 'agent',
          authorLabel: this.#authorLabel,
          seenUpTo: conversation.shopperReadSeq,
          seenLabel: this.#terms.seenByCustomer,
          sendingLabel: t.chatSending,
          notSentLabel: t.chatNotSent,
          resendLabel: t.chatResend,
          onResend: () => void desk.outbox.flush(),
        })}
      </div>
      <p class="typing">${desk.isTyping(id) ? isolatedText(this.#terms.customerTyping(conversation.customer.name)) : nothing}</p>
      <form part="composer" @submit=${(event: SubmitEvent) => this.#reply(event, id)}>
        <label for="reply" class="visually-hidden">${this.#terms.reply}</label>
        <textarea id="reply" name="body" rows="2" maxlength="4000" aria-describedby="reply-hint" @keydown=${sendOnEnter} @input=${() => desk.typing(id)}></textarea>
        <span id="reply-hint" class="visually-hidden">${t.chatComposerHint}</span>
        <button type="submit">${t.chatSend}</button>
      </form>
    </section>`;
  }

  #customerPanel() {
    const t = this.#i18n.term;
    const i18n = this.#i18n;
    const state = this.customer;
    if (!state) return nothing;
    if (state.status === 'loading') return html`<aside part="customer" aria-label=${this.#terms.customer} aria-busy="true"><p>${t.loading}</p></aside>`;
    if (state.status === 'error') {
      return html`<aside part="customer" aria-label=${this.#terms.customer}>
        <p role="alert">${errorMessage(state.error, t)}</p>
        <button type="button" @click=${() => this.#customerOf && this.#loadCustomer(this.#customerOf)}>${t.retry}</button>
      </aside>`;
    }
    const { customer, card, wishlist, recentOrders, currency } = state.panel;
    const money = (amount: number) => i18n.money(amount, currency);
    return html`<aside part="customer" aria-labelledby="customer-name" tabindex="0">
      <h3 id="customer-name"><bdi>${customer.firstName}</bdi> <bdi>${customer.lastName}</bdi></h3>
      <p><span part="tier" data-tier=${customer.tier}>${t.tiers[customer.tier]}</span></p>
      <p class="contact"><bdi>${customer.email ?? ''}</bdi>${customer.phone ? html`<br /><bdi>${customer.phone}</bdi>` : nothing}</p>
      <dl class="figures">
        <div><dt>${this.#terms.points}</dt><dd>${i18n.number(customer.points.balance)}</dd></div>
        <div><dt>${this.#terms.lifetimeValue}</dt><dd>${i18n.money(customer.lifetimeValue.amount, customer.lifetimeValue.currency)}</dd></div>
        <div><dt>${this.#terms.spent}</dt><dd>${i18n.money(customer.spentToDate.amount, customer.spentToDate.currency)}</dd></div>
        <div><dt>${this.#terms.customerSince}</dt><dd>${i18n.date(customer.registeredAt)}</dd></div>
      </dl>
      <h4>${this.#terms.card}</h4>
      ${card
        ? html`<dl class="figures">
            <div><dt>${this.#terms.balance}</dt><dd>${money(card.balance)}</dd></div>
            <div><dt>${this.#terms.available}</dt><dd>${money(card.availableCredit)} / ${money(card.creditLimit)}</dd></div>
            ${card.lastStatement
              ? html`<div class="wide"><dt>${this.#terms.lastStatement(i18n.month(card.lastStatement.period))}</dt><dd>${money(card.lastStatement.closingBalance)}</dd></div>
                  <div><dt>${this.#terms.minimum}</dt><dd>${money(card.lastStatement.minimumPayment)}</dd></div>
                  <div><dt>${this.#terms.due}</dt><dd>${i18n.date(card.lastStatement.dueDate)}</dd></div>`
              : nothing}
          </dl>`
        : html`<p>${this.#terms.noCard}</p>`}
      <h4>${this.#terms.recentOrders}</h4>
      ${recentOrders.length === 0
        ? html`<p>${this.#terms.noOrders}</p>`
        : html`<ul class="orders">
            ${recentOrders.map(
              (order) => html`<li>
                <span>${i18n.date(order.placedAt)}</span> <strong>${money(order.total)}</strong>${order.paidWithStoreCard ? html` · ${this.#terms.paidWithCard}` : nothing}
                <br /><span class="items">${order.items.map((item, i) => html`${i > 0 ? ', ' : ''}<bdi>${item}</bdi>`)}</span>
              </li>`,
            )}
          </ul>`}
      <h4>${this.#terms.wishlist}</h4>
      ${wishlist.length === 0
        ? html`<p>${this.#terms.wishlistEmpty}</p>`
        : html`<ul class="wishlist">
            ${wishlist.map((item) => html`<li><bdi>${item.product.name}</bdi> · ${i18n.money(item.product.price.amount, item.product.price.currency)}</li>`)}
          </ul>`}
    </aside>`;
  }

  protected override render(): TemplateResult {
    const t = this.#i18n.term;
    const desk = this.#desk;
    if (!this.session || !desk) return html`<section part="base" class="signed-out">${this.#loginView()}</section>`;
    const live = desk.streamState === 'open';
    return html`<section part="base">
      <div part="header">
        <h2>${this.#terms.title}</h2>
        <span class="connection ${live ? 'live' : ''}"><span class="dot" aria-hidden="true"></span>${live ? this.#terms.live : this.#terms.reconnecting}</span>
        <span class="agent">${isolatedText(this.#terms.signedInAs(this.session.agent.name))}</span>
        <button type="button" @click=${() => this.#signOut()}>${this.#terms.signOut}</button>
      </div>
      <div class="columns">${this.#inbox(desk)} ${this.#thread(desk, desk.current)} ${this.#customerPanel()}</div>
    </section>`;
  }
}
