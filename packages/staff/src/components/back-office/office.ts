import { ApiError, NetworkError, type Client } from '@clientela/client';
import type { StaffMember, Tier } from '@clientela/contract';
import { staffRolesOf, type Route } from '@clientela/contract/routes';
import { isolatedText, type LocalizeController } from '@clientela/widgets/internal';
import { html, type TemplateResult } from 'lit';
import type { BackOfficeTranslation } from '../../translations/back-office.ts';

/** The back office's pages. */
export const views = ['overview', 'customers', 'loyalty', 'till', 'settings'] as const;
export type View = (typeof views)[number];

/** What a page of the back office works with: the signed-in member's client and role, the strings, and the way back to the element. */
export interface Office {
  readonly client: Client;
  readonly member: StaffMember;
  readonly i18n: LocalizeController;
  readonly terms: BackOfficeTranslation;
  /** Renders the back office again, after a page's state changed. */
  update(): void;
  /** Opens a customer's page. */
  openCustomer(id: string): void;
  /** The store's currency, for amounts the forms take. */
  readonly currency: string;
  /** Opens a page. */
  show(view: View): void;
  /** Opens the customers of a tier, the most valuable first. */
  openTier(tier: Tier): void;
  /** A call that failed and that the page does not answer itself: a lapsed session signs out, anything else is reported. */
  failed(error: unknown): void;
}

/** Whether the member's role may make a call: what the UI offers follows the same lists the server enforces. */
export const may = (office: Pick<Office, 'member'>, route: Pick<Route, 'audience' | 'staff'>): boolean => staffRolesOf(route).includes(office.member.role);

/** Data a page loads: not yet, on its way, failed, or here. */
export type Loadable<T> = { status: 'loading' } | { status: 'error'; error: unknown } | { status: 'ready'; value: T };

/** Loads into a page's field, rendering at each step; a lapsed session is handed to the office. */
export async function load<T>(office: Office, fetch: () => Promise<T>, set: (state: Loadable<T>) => void): Promise<void> {
  set({ status: 'loading' });
  office.update();
  try {
    set({ status: 'ready', value: await fetch() });
  } catch (error) {
    set({ status: 'error', error });
    if (error instanceof ApiError && error.status === 401) office.failed(error);
  }
  office.update();
}

/** A section's content once loaded; its state while not (nothing asked yet counts as on its way). */
export function loadedView<T>(office: Office, state: Loadable<T> | undefined, ready: (value: T) => TemplateResult): TemplateResult {
  if (!state || state.status === 'loading') return html`<p aria-busy="true">${office.terms.loading}</p>`;
  if (state.status === 'error') return html`<p role="alert">${problemText(state.error, office.terms)}</p>`;
  return ready(state.value);
}

/** What came of a change a form made, said where the form is; null before any. */
export type Outcome = { error: boolean; text: string } | null;

/** Runs a change (answering what to say of it), reports how it went and renders; whether it went through. */
export async function change(office: Office, action: () => Promise<string>, report: (outcome: Outcome) => void): Promise<boolean> {
  try {
    report({ error: false, text: await action() });
    return true;
  } catch (error) {
    report({ error: true, text: problemText(error, office.terms) });
    return false;
  } finally {
    office.update();
  }
}

/** A change's outcome, for assistive technology too; in red when it failed. */
export const outcomeView = (outcome: Outcome): TemplateResult => html`<p class=${outcome?.error ? 'error' : 'ok'} role="status">${isolatedText(outcome?.text ?? '')}</p>`;

/** What a person at the back office is told went wrong: the API's own words (they name the field or the state), or that it could not be reached. */
export function problemText(error: unknown, terms: BackOfficeTranslation): string {
  if (error instanceof ApiError) {
    const fields = error.problem.errors?.map((field) => `${field.field}: ${field.message}`) ?? [];
    return [error.problem.detail ?? error.problem.title, ...fields].join(' · ');
  }
  if (error instanceof NetworkError) return terms.unreachable;
  return terms.failed;
}

/** The form's fields by name, as text. */
export function formText(form: HTMLFormElement): Record<string, string> {
  return Object.fromEntries([...new FormData(form)].map(([name, value]) => [name, String(value).trim()]));
}
