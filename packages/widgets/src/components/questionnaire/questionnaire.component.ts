import type { AskedQuestion, NextQuestion } from '@clientela/contract';
import { getMyNextQuestion, putMyAnswer, putMyOrderFeedback } from '@clientela/contract/routes';
import { html, nothing, type TemplateResult } from 'lit';
import { CrmErrorEvent } from '../../events/error.ts';
import { CrmElement } from '../../internal/crm-element.ts';
import { isolatedText } from '../../internal/isolate.ts';
import { LocalizeController } from '../../internal/localize.ts';
import { RefusalNotice } from '../../internal/refusal-notice.ts';
import { ShopperResource } from '../../internal/shopper-resource.ts';
import { errorMessage, messageView } from '../../internal/state-views.ts';
import styles from './questionnaire.styles.ts';

type Asking = NonNullable<NextQuestion['next']>;

/** Where a visit remembers it asked: the tab's session storage lasts as long as the visit. */
const askedKey = (shopperId: string) => `crm-questionnaire-asked:${shopperId}`;

function askedThisVisit(shopperId: string): boolean {
  try {
    return sessionStorage.getItem(askedKey(shopperId)) !== null;
  } catch {
    // Storage refused (a sandboxed frame): every load is a visit of its own.
    return false;
  }
}

function markAsked(shopperId: string): void {
  try {
    sessionStorage.setItem(askedKey(shopperId), '1');
  } catch {
    // As above: nothing to remember with.
  }
}

/**
 * Place it inside `<crm-portal>`, anywhere on the store's pages. It asks one
 * thing at a time, gota a gota: after a delivery, "¿Cómo fue tu compra?"
 * (0–10 and a comment); otherwise the store's next question, when the
 * store's interval has passed. At most one per visit: once it has asked,
 * it shows nothing more until the shopper's next visit. Nothing to ask, or
 * signed out, it shows nothing.
 *
 * @summary Drip questionnaire: one short question per visit (choice, 1–5 or text), or the feedback after a delivery.
 *
 * @csspart base - The question's box.
 * @csspart form - The answer's form.
 * @csspart send-button - Sends the answer.
 * @csspart later-button - Hides the question for this visit.
 * @csspart message - The thanks, or an error.
 * @csspart retry-button - Tries loading again after an error.
 *
 * @cssproperty --crm-questionnaire-background - Background; defaults to --crm-color-surface.
 * @cssproperty --crm-questionnaire-border - Border colour; defaults to --crm-color-border.
 * @cssproperty --crm-questionnaire-radius - Corner radius; defaults to --crm-radius.
 *
 * @fires {CrmErrorEvent} crm-error - Loading or sending failed, or the API refused the page or the shopper's token; `reason` says what to fix.
 */
export class CrmQuestionnaire extends CrmElement {
  static override styles = styles;
  static override properties = { phase: { state: true } };

  /** What the shopper did with this visit's question. */
  declare phase: 'asking' | 'sending' | 'failed' | 'answered' | 'dismissed';

  readonly #i18n = new LocalizeController(this);
  readonly #refusals = new RefusalNotice(this);
  readonly #next = new ShopperResource<Asking | null>(this, {
    load: async (client) => {
      const shopper = this.#next.shopper;
      const id = shopper.status === 'ready' ? shopper.me.id : '';
      if (askedThisVisit(id)) return null;
      const { next } = await client.call(getMyNextQuestion, { query: { locale: this.#i18n.locale } });
      if (next) markAsked(id);
      this.phase = 'asking';
      return next;
    },
  });

  constructor() {
    super();
    this.phase = 'asking';
  }

  async #send(event: SubmitEvent, asking: Asking): Promise<void> {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    const client = this.#next.client!;
    this.phase = 'sending';
    try {
      if (asking.type === 'feedback') {
        await client.call(putMyOrderFeedback, { params: { id: asking.order.id }, body: { score: Number(data.get('score')), comment: String(data.get('comment') ?? '').trim() } });
      } else {
        await client.call(putMyAnswer, { params: { questionId: asking.question.id }, body: answerOf(asking.question, data) });
      }
      this.phase = 'answered';
    } catch (error) {
      this.phase = 'failed';
      this.emit(new CrmErrorEvent(error, this.localName));
    }
  }

  #fields(asking: Asking): TemplateResult {
    const t = this.#i18n.term.questionnaire;
    if (asking.type === 'feedback') {
      return html`<fieldset>
          <legend>${isolatedText(t.feedbackPrompt(asking.order.items.join(', ')))}</legend>
          ${Array.from({ length: 11 }, (_, score) => html`<label><input type="radio" name="score" value=${score} required />${score}</label>`)}
        </fieldset>
        <p class="scale" aria-hidden="true"><span>${t.scaleLow}</span><span>${t.scaleHigh}</span></p>
        <label>${t.comment}<textarea name="comment" maxlength="1000" rows="2"></textarea></label>`;
    }
    const q = asking.question;
    if (q.kind === 'text') {
      return html`<label><bdi>${q.prompt}</bdi><textarea name="text" maxlength=${q.maxLength ?? 500} rows="2" required></textarea></label>`;
    }
    const options =
      q.kind === 'scale'
        ? [1, 2, 3, 4, 5].map((score) => ({ id: String(score), label: String(score) }))
        : q.choices;
    const type = q.kind === 'multiple-choice' ? 'checkbox' : 'radio';
    return html`<fieldset>
      <legend><bdi>${q.prompt}</bdi></legend>
      ${options.map((option) => html`<label><input type=${type} name="pick" value=${option.id} ?required=${type === 'radio'} /><bdi>${option.label}</bdi></label>`)}
    </fieldset>`;
  }

  protected override render(): TemplateResult | typeof nothing {
    const t = this.#i18n.term;
    const q = t.questionnaire;
    const state = this.#next.state;
    if (state.status === 'error') return messageView(q.title, errorMessage(state.error, t), { label: t.retry, run: () => this.#next.retry() });
    if (state.status !== 'ready' || !state.value || this.phase === 'dismissed') return nothing;
    const asking = state.value;
    const title = asking.type === 'feedback' ? q.feedbackTitle : q.title;
    if (this.phase === 'answered') return messageView(title, q.thanks);
    const reward = asking.type === 'question' && asking.question.rewardPoints > 0 ? q.reward(this.#i18n.number(asking.question.rewardPoints)) : '';
    return html`<section part="base" aria-labelledby="question-title">
      <h2 id="question-title">${title}</h2>
      ${reward ? html`<p>${reward}</p>` : nothing}
      <form part="form" @submit=${(event: SubmitEvent) => this.#send(event, asking)}>
        ${this.#fields(asking)}
        ${this.phase === 'failed' ? html`<p part="message" role="alert">${q.failed}</p>` : nothing}
        <div class="actions">
          <button part="send-button" type="submit" class="primary" ?disabled=${this.phase === 'sending'}>${q.send}</button>
          <button part="later-button" type="button" @click=${() => (this.phase = 'dismissed')}>${q.later}</button>
        </div>
      </form>
    </section>`;
  }
}

/** The form's answer in the shape the question takes. */
function answerOf(question: AskedQuestion, data: FormData) {
  if (question.kind === 'text') return { text: String(data.get('text') ?? '').trim() };
  const picks = data.getAll('pick').map(String);
  return question.kind === 'scale' ? { score: Number(picks[0]) } : { choices: picks };
}
