import type { ChatAttachment, ChatMessage, Conversation } from '@clientela/contract';
import { html, nothing, svg, type PropertyValues, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { CrmErrorEvent } from '../../events/error.ts';
import { CrmSupportRequestEvent } from '../../events/support-request.ts';
import { attachmentCard, sendOnEnter, sentAt, thread } from '../../internal/chat-views.ts';
import { CrmElement } from '../../internal/crm-element.ts';
import { LocalizeController } from '../../internal/localize.ts';
import { isolatedText } from '../../internal/isolate.ts';
import { RefusalNotice } from '../../internal/refusal-notice.ts';
import { TuckOnScroll } from '../../internal/tuck-on-scroll.ts';
import type { OutboxItem } from '../../internal/outbox.ts';
import { errorMessage } from '../../internal/state-views.ts';
import type { OutgoingStart } from '../../state/chat/chat-session.ts';
import { ChatStore } from '../../state/chat/chat-store.ts';
import { StoreController } from '../../state/store-controller.ts';
import styles from './support-chat.styles.ts';

type View = { name: 'list' } | { name: 'new'; subject: string; attachment: ChatAttachment | null } | { name: 'thread'; id: string } | { name: 'starting'; clientId: string };

/**
 * Place one inside `<crm-portal>`. By default it is a launcher button fixed in
 * a corner of the window; `mode="inline"` draws the chat in the page flow
 * instead, for a contact page. Any element can ask it to start a conversation
 * about something with a `crm-support-request` event, as the statement's
 * "ask about it" buttons do.
 *
 * @summary Support chat with the store: a launcher with an unread badge (or the chat inline in the page), the shopper's conversations on every device, real-time replies, typing and read receipts, an offline form when nobody is online, a rating when resolved. Messages wait in an outbox until the store has them, through dropped connections and reloads.
 *
 * @csspart launcher - The round button that opens and closes the chat.
 * @csspart badge - Unread count on the launcher.
 * @csspart panel - The chat's box.
 * @csspart header - Title, availability and close button.
 * @csspart availability - Whether someone is online to answer.
 * @csspart conversations - The list of conversations.
 * @csspart conversation - One conversation in the list.
 * @csspart new-button - Starts a new conversation.
 * @csspart log - The messages of a conversation (one polite live region).
 * @csspart message - One message in the log; also the empty, signed-out or error message.
 * @csspart pending-message - A message of the shopper's still on its way (it is a `message` too).
 * @csspart notice - A note in the log, such as a message the store refused.
 * @csspart composer - Where the shopper writes.
 * @csspart rating - The rating form of a resolved conversation.
 * @csspart attachment - What the conversation is about.
 * @csspart retry-button - Tries loading again after an error.
 * @csspart close-button - Closes the launcher's panel.
 *
 * @cssproperty --crm-chat-accent - Launcher, own messages and buttons; defaults to --crm-color-accent.
 * @cssproperty --crm-chat-background - Panel background; defaults to --crm-color-surface.
 * @cssproperty --crm-chat-radius - Panel corner radius; defaults to --crm-radius.
 * @cssproperty --crm-chat-width - Panel width as a launcher; 24rem.
 * @cssproperty --crm-chat-height - Panel height as a launcher, or inline; 36rem.
 * @cssproperty --crm-chat-offset - Distance of the launcher from the corner of the window; 1.25rem.
 * @cssproperty --crm-chat-z-index - Stacking of launcher and panel; 2147483000.
 * @cssproperty --crm-chat-mine-background - The shopper's messages; defaults to --crm-chat-accent.
 * @cssproperty --crm-chat-mine-color - Text of the shopper's messages; defaults to --crm-color-accent-contrast.
 * @cssproperty --crm-chat-theirs-background - The store's messages; defaults to --crm-color-surface-subtle.
 * @cssproperty --crm-chat-theirs-color - Text of the store's messages; defaults to --crm-color-text.
 * @cssproperty --crm-chat-pending-background - The shopper's messages not sent yet; defaults to --crm-color-muted.
 *
 * @fires {CrmErrorEvent} crm-error - Loading or sending failed, or the API refused the page (its publishable key, its origin) or the shopper's token; `reason` says what to fix.
 */
export class CrmSupportChat extends CrmElement {
  static override styles = styles;
  static override properties = {
    mode: { type: String, reflect: true },
    open: { type: Boolean, reflect: true },
    conversation: { type: String },
    view: { state: true },
    notice: { state: true },
    rated: { state: true },
  };

  /** `launcher` (a button in the corner of the window, by default) or `inline` (the chat in the page flow). */
  declare mode: 'launcher' | 'inline';
  /** Whether the launcher's panel is open. */
  declare open: boolean;
  /** A conversation to show, by id (from a link in an email, say); the list when left out. */
  declare conversation: string | undefined;
  declare view: View;
  /** Something to tell the shopper inside the log: a message the store refused. */
  declare notice: string;
  /** Scores picked in rating forms, by conversation. */
  declare rated: Record<string, number>;

  readonly #i18n = new LocalizeController(this);
  readonly #refusals = new RefusalNotice(this);
  readonly #chat = new StoreController(this, ChatStore);
  /** On a phone the launcher moves off the page's content while the shopper scrolls down through it. */
  readonly #tuck = new TuckOnScroll(this);
  #unreadSeen = 0;

  get #session() {
    return this.#chat.store?.session;
  }

  /** The store's currency, for the statement lines conversations are about. */
  get #currency(): string | null {
    const shopper = this.#chat.portal?.shopper.state;
    return shopper?.status === 'ready' ? shopper.me.merchant.currency : null;
  }
  #stickToBottom = true;
  readonly #onRequest = (event: CrmSupportRequestEvent) => this.#answerRequest(event);
  readonly #onViewport = () => this.#fitViewport();
  readonly #onRefused = () => {
    this.notice = this.#i18n.term.chatRefused;
  };
  #refusalsFrom: EventTarget | undefined;

  constructor() {
    super();
    this.mode = 'launcher';
    this.open = false;
    this.view = { name: 'list' };
    this.notice = '';
    this.rated = {};
  }

  #availabilityTimer: ReturnType<typeof setInterval> | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    // Whether someone is online changes as agents come and go: look again now and then while the chat shows.
    this.#availabilityTimer = setInterval(() => {
      if (this.#inline || this.open) void this.#session?.checkAvailability();
    }, 60_000);
    document.addEventListener(CrmSupportRequestEvent.type, this.#onRequest);
    visualViewport?.addEventListener('resize', this.#onViewport);
    visualViewport?.addEventListener('scroll', this.#onViewport);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.#availabilityTimer);
    document.removeEventListener(CrmSupportRequestEvent.type, this.#onRequest);
    visualViewport?.removeEventListener('resize', this.#onViewport);
    visualViewport?.removeEventListener('scroll', this.#onViewport);
    this.#refusalsFrom?.removeEventListener('refused', this.#onRefused);
    this.#refusalsFrom = undefined;
  }

  /** Opens the launcher's panel and moves focus into it. */
  show(): void {
    this.open = true;
  }

  /** Closes the launcher's panel and gives focus back to the launcher. */
  hide(): void {
    this.open = false;
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('[part~="launcher"]')?.focus());
  }

  get #inline(): boolean {
    return this.mode === 'inline';
  }

  /**
   * On a phone the open panel covers the window; with the on-screen keyboard
   * up it fits the part left visible, so the composer stays in view.
   */
  #fitViewport(): void {
    const viewport = visualViewport;
    if (!viewport || this.#inline || !this.open) return;
    this.style.setProperty('--crm-chat-viewport-height', `${viewport.height}px`);
    this.style.setProperty('--crm-chat-viewport-top', `${viewport.offsetTop}px`);
  }

  #answerRequest(event: CrmSupportRequestEvent): void {
    if (event.defaultPrevented || !this.#session) return;
    event.preventDefault();
    this.view = { name: 'new', subject: event.subject, attachment: event.attachment };
    if (!this.#inline) this.open = true;
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('textarea')?.focus());
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const session = this.#session;
    if (changed.has('conversation') && this.conversation) this.view = { name: 'thread', id: this.conversation };
    if (session?.outbox !== this.#refusalsFrom) {
      this.#refusalsFrom?.removeEventListener('refused', this.#onRefused);
      this.#refusalsFrom = session?.outbox;
      this.#refusalsFrom?.addEventListener('refused', this.#onRefused);
    }
    // A conversation started here becomes an ordinary one once the store has it.
    if (this.view.name === 'starting' && session) {
      const id = session.conversationFor(this.view.clientId);
      if (id) {
        this.view = { name: 'thread', id };
        void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('[part="composer"] textarea')?.focus());
      }
    }
    if (changed.has('open') && this.open) void session?.checkAvailability();
    // A new reply brings the launcher back into view, badge and all.
    const unread = session?.unread ?? 0;
    if (unread > this.#unreadSeen) this.#tuck.show();
    this.#unreadSeen = unread;
    if (changed.has('view') && this.view.name === 'thread') {
      this.#stickToBottom = true;
      const id = this.view.id;
      if (session && !session.loaded(id)) void session.load(id).catch((error: unknown) => this.emit(new CrmErrorEvent(error, this.localName)));
    }
    // Look before the update whether the shopper is reading the latest messages.
    const log = this.renderRoot?.querySelector?.('[part~="log"]');
    if (log) this.#stickToBottom = log.scrollHeight - log.scrollTop - log.clientHeight < 48;
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('open') && this.open) {
      this.#fitViewport();
      if (changed.get('open') === false) this.#focusPanel();
    }
    const log = this.renderRoot.querySelector('[part~="log"]');
    if (log && this.#stickToBottom) log.scrollTop = log.scrollHeight;
    const session = this.#session;
    if (this.view.name === 'thread' && session && (this.#inline || this.open) && document.visibilityState === 'visible') {
      const id = this.view.id;
      // After this update, not in it: marking read changes what shows.
      queueMicrotask(() => void session.markRead(id));
    }
  }

  #focusPanel(): void {
    this.renderRoot.querySelector<HTMLElement>('textarea, [part~="new-button"], [part~="panel"] button')?.focus();
  }

  #onPanelKeydown(event: KeyboardEvent): void {
    if (event.key === 'Escape' && !this.#inline) {
      event.stopPropagation();
      this.hide();
    }
  }

  #go(view: View): void {
    this.view = view;
    this.notice = '';
    void this.updateComplete.then(() => this.#focusPanel());
  }

  async #send(event: SubmitEvent, conversationId: string): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const body = new FormData(form).get('body')?.toString().trim() ?? '';
    if (!body || !this.#session) return;
    form.reset();
    this.#stickToBottom = true;
    this.notice = '';
    await this.#session.send(conversationId, body);
  }

  async #start(event: SubmitEvent, attachment: ChatAttachment | null): Promise<void> {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    const body = data.get('body')?.toString().trim() ?? '';
    const session = this.#session;
    if (!body || !session) return;
    const sending = session.startConversation(data.get('subject')?.toString().trim() ?? '', body, attachment ?? undefined);
    // The outbox holds it from the first moment: show it while it goes.
    const item = session.pendingConversations.at(-1);
    if (item) this.#go({ name: 'starting', clientId: item.payload.conversationClientId });
    await sending;
  }

  async #rate(event: SubmitEvent, conversationId: string): Promise<void> {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    const score = Number(data.get('score'));
    if (!score || !this.#session) return;
    try {
      await this.#session.rate(conversationId, score, data.get('comment')?.toString() ?? '');
    } catch (error) {
      this.emit(new CrmErrorEvent(error, this.localName));
    }
  }

  #authorLabel = (message: ChatMessage): string => {
    const t = this.#i18n.term;
    if (message.author === 'shopper') return t.chatYou;
    return message.authorName ?? t.chatStore;
  };

  /** The last message of a conversation, set apart from the words around it in the list (see `isolate`). */
  #preview(conversation: Conversation) {
    const last = conversation.lastMessage;
    if (!last) return nothing;
    return last.author === 'shopper' ? html`${this.#i18n.term.chatYou}: <bdi>${last.body}</bdi>` : html`<bdi>${last.body}</bdi>`;
  }

  #header() {
    const t = this.#i18n.term;
    const availability = this.#session?.availability;
    return html`<div part="header">
      <h2 id="chat-title">${t.chatTitle}</h2>
      ${availability
        ? html`<p part="availability" class=${availability.online ? 'online' : 'offline'}>
            <span class="dot" aria-hidden="true"></span>${availability.online ? t.chatOnline : t.chatAway}
          </p>`
        : nothing}
      ${this.#inline ? nothing : html`<button part="close-button" type="button" class="icon" aria-label=${t.chatClose} @click=${() => this.hide()}>×</button>`}
    </div>`;
  }

  /** When support opens next, as the shopper reads it: "lunes, 9:00". */
  #opensAt(): string | null {
    const opensAt = this.#session?.availability?.opensAt;
    return opensAt ? this.#i18n.date(opensAt, { weekday: 'long', hour: 'numeric', minute: '2-digit' }) : null;
  }

  #listView() {
    const t = this.#i18n.term;
    const session = this.#session!;
    const starting = session.pendingConversations;
    const conversations = session.conversations;
    return html`<div class="body list">
      <button part="new-button" type="button" class="primary" @click=${() => this.#go({ name: 'new', subject: '', attachment: null })}>${t.chatNew}</button>
      ${conversations.length === 0 && starting.length === 0
        ? html`<p part="message">${t.chatEmpty}</p>`
        : html`<h3 class="visually-hidden">${t.chatConversations}</h3>
            <ul part="conversations">
              ${repeat(
                starting,
                (item) => item.key,
                (item) => html`<li>
                  <button part="conversation" type="button" @click=${() => this.#go({ name: 'starting', clientId: item.payload.conversationClientId })}>
                    <span class="subject"><bdi>${item.payload.subject || t.chatUntitled}</bdi></span>
                    <span class="preview">${t.chatYou}: <bdi>${item.payload.body}</bdi></span>
                    <span class="status">${item.state === 'sending' ? t.chatSending : t.chatNotSent}</span>
                  </button>
                </li>`,
              )}
              ${repeat(
                conversations,
                (conversation) => conversation.id,
                (conversation) => html`<li>
                  <button part="conversation" type="button" data-status=${conversation.status} @click=${() => this.#go({ name: 'thread', id: conversation.id })}>
                    <span class="subject"><bdi>${conversation.subject || t.chatUntitled}</bdi></span>
                    <span class="preview">${this.#preview(conversation)}</span>
                    <span class="status"
                      >${t.chatStatuses[conversation.status]} ·
                      <time datetime=${conversation.updatedAt}>${sentAt(this.#i18n, conversation.updatedAt)}</time></span
                    >
                    ${conversation.unread > 0 ? html`<span class="unread">${t.chatUnread(conversation.unread)}</span>` : nothing}
                  </button>
                </li>`,
              )}
            </ul>`}
    </div>`;
  }

  #newView(view: Extract<View, { name: 'new' }>) {
    const t = this.#i18n.term;
    const session = this.#session!;
    const offline = session.availability && !session.availability.online;
    const currency = this.#currency;
    return html`<form class="body new" @submit=${(event: SubmitEvent) => this.#start(event, view.attachment)}>
      <button type="button" class="back" @click=${() => this.#go({ name: 'list' })}>‹ ${t.chatBack}</button>
      <h3>${t.chatNew}</h3>
      ${offline ? html`<p class="offline-note">${t.chatOffline(this.#opensAt())}</p>` : nothing}
      ${view.attachment ? attachmentCard(this.#i18n, view.attachment, currency) : nothing}
      <label for="subject">${t.chatSubject}</label>
      <input id="subject" class="field" name="subject" maxlength="200" .value=${view.subject} autocomplete="off" />
      <label for="first-message">${t.chatMessage}</label>
      <textarea id="first-message" class="field" name="body" rows="4" maxlength="4000" required @keydown=${sendOnEnter}></textarea>
      <button type="submit" class="primary">${t.chatSend}</button>
    </form>`;
  }

  #startingView(item: OutboxItem<OutgoingStart> | undefined) {
    const t = this.#i18n.term;
    const session = this.#session!;
    if (!item) return this.#listView();
    return html`<div class="body thread">
      <div class="thread-head">
        <button type="button" class="back" aria-label=${t.chatBack} title=${t.chatBack} @click=${() => this.#go({ name: 'list' })}>←</button>
        <h3>${item.payload.subject || t.chatUntitled}</h3>
      </div>
      <div part="log" role="log" aria-live="polite" aria-labelledby="chat-title" tabindex="0">
        ${thread(this.#i18n, [], [{ ...item, payload: { kind: 'message', conversationId: '', body: item.payload.body } }], this.#threadOptions(0, () => void session.outbox.flush()))}
      </div>
    </div>`;
  }

  #threadOptions(seenUpTo: number, onResend: () => void) {
    const t = this.#i18n.term;
    return {
      side: 'shopper' as const,
      authorLabel: this.#authorLabel,
      seenUpTo,
      seenLabel: t.chatSeen,
      sendingLabel: t.chatSending,
      notSentLabel: t.chatNotSent,
      resendLabel: t.chatResend,
      onResend,
    };
  }

  #threadView(conversation: Conversation) {
    const t = this.#i18n.term;
    const session = this.#session!;
    const currency = this.#currency;
    const messages = session.messages(conversation.id);
    const typingName = conversation.assignedAgent?.name ?? null;
    return html`<div class="body thread">
      <div class="thread-head">
        <button type="button" class="back" aria-label=${t.chatBack} title=${t.chatBack} @click=${() => this.#go({ name: 'list' })}>←</button>
        <h3>${conversation.subject || t.chatUntitled}</h3>
        <span class="status" data-status=${conversation.status}>${t.chatStatuses[conversation.status]}</span>
      </div>
      ${conversation.attachment ? attachmentCard(this.#i18n, conversation.attachment, currency) : nothing}
      <div part="log" role="log" aria-live="polite" aria-labelledby="chat-title" tabindex="0">
        ${conversation.startedOffline && conversation.status === 'open' && !messages.some((m) => m.author === 'agent')
          ? html`<p class="message system">${t.chatStartedOffline}</p>`
          : nothing}
        ${thread(this.#i18n, messages, session.pending(conversation.id), this.#threadOptions(conversation.agentReadSeq, () => void session.outbox.flush()))}
        ${this.notice ? html`<p class="message system" part="notice">${this.notice}</p>` : nothing}
        ${conversation.status === 'resolved' ? html`<p class="message system">${t.chatResolved}</p>` : nothing}
      </div>
      <p class="typing">${session.isTyping(conversation.id) ? isolatedText(t.chatTyping(typingName)) : nothing}</p>
      ${conversation.status === 'resolved' ? this.#ratingView(conversation) : nothing}
      ${session.streamState === 'retrying' ? html`<p class="connection">${t.chatReconnecting}</p>` : nothing}
      <form part="composer" @submit=${(event: SubmitEvent) => this.#send(event, conversation.id)}>
        <label for="composer" class="visually-hidden">${t.chatMessage}</label>
        <textarea
          id="composer"
          name="body"
          rows="1"
          maxlength="4000"
          enterkeyhint="send"
          aria-describedby="composer-hint"
          @keydown=${sendOnEnter}
          @input=${() => session.typing(conversation.id)}
        ></textarea>
        <span id="composer-hint" class="visually-hidden">${t.chatComposerHint}</span>
        <button type="submit">${t.chatSend}</button>
      </form>
    </div>`;
  }

  #ratingView(conversation: Conversation) {
    const t = this.#i18n.term;
    if (conversation.rating) return html`<p part="rating" class="rated">${t.chatRated(conversation.rating.score)}</p>`;
    const picked = this.rated[conversation.id] ?? 0;
    return html`<form part="rating" @submit=${(event: SubmitEvent) => this.#rate(event, conversation.id)}>
      <fieldset>
        <legend>${t.chatRateTitle}</legend>
        <div class="stars">
          ${[1, 2, 3, 4, 5].map(
            (score) => html`<label class=${score <= picked ? 'on' : ''}>
              <input type="radio" name="score" value=${score} required @change=${() => (this.rated = { ...this.rated, [conversation.id]: score })} />
              <span aria-hidden="true">★</span><span class="visually-hidden">${t.chatRateScore(score)}</span>
            </label>`,
          )}
        </div>
      </fieldset>
      <label for="rating-comment">${t.chatRateComment}</label>
      <textarea id="rating-comment" class="field" name="comment" rows="2" maxlength="1000"></textarea>
      <button type="submit">${t.chatRateSend}</button>
    </form>`;
  }

  #content() {
    const t = this.#i18n.term;
    const shopper = this.#chat.portal?.shopper.state;
    const session = this.#session;
    if (!shopper || shopper.status === 'signed-out') return html`<p part="message" class="body">${t.chatSignedOut}</p>`;
    if (shopper.status === 'error') return this.#failure(shopper.error, shopper.retry);
    if (!session || session.status === 'loading') return html`<div class="body" aria-busy="true"><span class="skeleton line"></span><span class="skeleton line"></span><span class="visually-hidden">${t.loading}</span></div>`;
    if (session.status === 'error') return this.#failure(session.error, () => void session.start().catch(() => undefined));
    const view = this.view;
    if (view.name === 'new') return this.#newView(view);
    if (view.name === 'starting') return this.#startingView(session.pendingConversations.find((item) => item.payload.conversationClientId === view.clientId));
    if (view.name === 'thread') {
      const conversation = session.conversation(view.id);
      if (conversation) return this.#threadView(conversation);
    }
    return this.#listView();
  }

  #failure(error: unknown, retry: () => void) {
    const t = this.#i18n.term;
    return html`<div class="body">
      <p part="message" role="alert">${errorMessage(error, t)}</p>
      <button part="retry-button" type="button" @click=${retry}>${t.retry}</button>
    </div>`;
  }

  protected override render(): TemplateResult {
    const t = this.#i18n.term;
    const panel = html`<section
      part="panel"
      id="panel"
      role=${this.#inline ? nothing : 'dialog'}
      aria-labelledby="chat-title"
      ?hidden=${!this.#inline && !this.open}
      @keydown=${this.#onPanelKeydown}
    >
      ${this.#header()} ${this.#content()}
    </section>`;
    if (this.#inline) return panel;
    const unread = this.#session?.unread ?? 0;
    return html`${panel}
      <button part="launcher" class=${this.#tuck.tucked && !this.open ? 'tucked' : ''} type="button" aria-expanded=${this.open ? 'true' : 'false'} aria-controls="panel" aria-label=${t.chatLauncher(unread)} @click=${() => (this.open ? this.hide() : this.show())}>
        <svg viewBox="0 0 24 24" width="28" height="28" aria-hidden="true" focusable="false">
          ${this.open
            ? svg`<path d="M6 6l12 12M18 6L6 18" stroke="currentColor" stroke-width="2.2" stroke-linecap="round" fill="none" />`
            : svg`<path d="M4 5.5A2.5 2.5 0 0 1 6.5 3h11A2.5 2.5 0 0 1 20 5.5v8a2.5 2.5 0 0 1-2.5 2.5H10l-4.5 4v-4h0A1.5 1.5 0 0 1 4 14.5z" fill="currentColor" />`}
        </svg>
        ${unread > 0 ? html`<span part="badge" aria-hidden="true">${unread > 99 ? '99+' : unread}</span>` : nothing}
      </button>`;
  }
}
