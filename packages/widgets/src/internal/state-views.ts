import { NetworkError } from '@clientela/client';
import { html, nothing, type TemplateResult } from 'lit';
import { isRefusalOfThePage } from '../events/error.ts';
import { isolatedText } from './isolate.ts';
import type { Translation } from '../translations/en.ts';
import type { ResourceState } from '../state/shopper/shopper-store.ts';

/** What to say about a failed load: a connection problem, a page the store has not set up (the merchant hears why), or anything else. */
export function errorMessage(error: unknown, t: Translation): string {
  return error instanceof NetworkError ? t.errorNetwork : isRefusalOfThePage(error) ? t.errorUnavailable : t.errorGeneric;
}

/** A widget's box while its data loads: its title, a placeholder, and the busy state for assistive technology. */
export function loadingView(title: string, t: Translation): TemplateResult {
  return html`<section part="base" aria-label=${title} aria-busy="true">
    <h2>${title}</h2>
    <span class="skeleton block" aria-hidden="true"></span>
    <span class="skeleton line" aria-hidden="true"></span>
    <span class="skeleton line" aria-hidden="true"></span>
    <span class="visually-hidden" role="status">${t.loading}</span>
  </section>`;
}

/** A widget's box with only a message: signed out, nothing to show, or an error with a retry button. */
export function messageView(title: string, message: string, retry?: { label: string; run: () => void }): TemplateResult {
  return html`<section part="base" aria-label=${title}>
    <h2>${title}</h2>
    <p part="message" role=${retry ? 'alert' : nothing}>${isolatedText(message)}</p>
    ${retry ? html`<button part="retry-button" type="button" @click=${retry.run}>${retry.label}</button>` : nothing}
  </section>`;
}

/** A widget's box until its data is ready: the signed-out message, the loading placeholder, or the error with a retry button. */
export function notReadyView(state: Exclude<ResourceState<unknown>, { status: 'ready' }>, title: string, signedOut: string, t: Translation, retry: () => void): TemplateResult {
  if (state.status === 'signed-out') return messageView(title, signedOut);
  if (state.status === 'loading') return loadingView(title, t);
  return messageView(title, errorMessage(state.error, t), { label: t.retry, run: retry });
}
