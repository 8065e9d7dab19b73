import type { Locale } from '@clientela/contract';
import type { ContextConsumer } from '@lit/context';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Translation } from '../translations/en.ts';
import { consume, localeContext } from './context.ts';
import type { CrmElement } from './crm-element.ts';

/**
 * Each language's strings are a module of their own, loaded the first time
 * an element needs them: a page in Spanish never downloads the English ones,
 * and the other way round, until the shopper switches.
 */
const loaders: Record<Locale, () => Promise<{ default: Translation }>> = {
  es: () => import('../translations/es.ts'),
  en: () => import('../translations/en.ts'),
};
const loaded: Partial<Record<Locale, Translation>> = {};
const loading: Partial<Record<Locale, Promise<void>>> = {};

/** Resolves once `locale`'s strings are here; an element waits for it before it renders (see `CrmElement`). */
export function loadTranslation(locale: Locale): Promise<void> | undefined {
  if (loaded[locale]) return undefined;
  return (loading[locale] ??= loaders[locale]().then(
    (module) => void (loaded[locale] = module.default),
    (error: unknown) => {
      // A failed download may be tried again by the next update.
      delete loading[locale];
      throw error;
    },
  ));
}

// Building an Intl formatter costs far more than using one, and a statement formats thousands of cells.
const numberFormats = new Map<string, Intl.NumberFormat>();
const dateFormats = new Map<string, Intl.DateTimeFormat>();

function cached<F>(cache: Map<string, F>, tag: string, options: object, make: () => F): F {
  const key = `${tag} ${JSON.stringify(options)}`;
  let format = cache.get(key);
  if (!format) {
    format = make();
    cache.set(key, format);
  }
  return format;
}

/** `es` for any Spanish tag (es, es-CL, es-419), `en` otherwise. */
export function localeFromLang(lang: string | null | undefined): Locale {
  return lang?.toLowerCase().startsWith('es') ? 'es' : 'en';
}

/** The language of the page around an element: its closest `lang`, else the document's. */
export function pageLocale(element: Element): Locale {
  return localeFromLang(element.closest('[lang]')?.getAttribute('lang') ?? document.documentElement.lang);
}

/**
 * Strings, numbers, money and dates in the shopper's language: the portal's
 * locale when inside one, the page's `lang` otherwise. Re-renders the host
 * when the locale changes.
 */
export class LocalizeController implements ReactiveController {
  readonly #host: ReactiveControllerHost & HTMLElement;
  readonly #consumer: ContextConsumer<typeof localeContext, ReactiveControllerHost & HTMLElement>;

  constructor(host: CrmElement) {
    this.#host = host;
    this.#consumer = consume(host, localeContext);
    host.addController(this);
    // The host renders only once the strings of its language are here.
    host.waitBeforeUpdates(() => loadTranslation(this.locale));
  }

  hostConnected(): void {}

  get locale(): Locale {
    return this.#consumer.value ?? pageLocale(this.#host);
  }

  /** The strings of the shopper's language; while a switch to another is still downloading, the ones shown so far. */
  get term(): Translation {
    const term = loaded[this.locale] ?? loaded.es ?? loaded.en;
    if (!term) throw new Error('No strings yet: an element renders once its language is loaded');
    return term;
  }

  /** BCP 47 tag for Intl: Chilean Spanish formats money and dates as shoppers there expect. */
  get #tag(): string {
    return this.locale === 'es' ? 'es-CL' : 'en-US';
  }

  #numberFormat(options: Intl.NumberFormatOptions = {}): Intl.NumberFormat {
    const tag = this.#tag;
    return cached(numberFormats, tag, options, () => new Intl.NumberFormat(tag, options));
  }

  #dateFormat(options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
    const tag = this.#tag;
    return cached(dateFormats, tag, options, () => new Intl.DateTimeFormat(tag, options));
  }

  /** A number, a percentage (with `{ style: 'percent' }`) or any other of Intl's styles. */
  number(value: number, options?: Intl.NumberFormatOptions): string {
    return this.#numberFormat(options).format(value);
  }

  /** Decimals of a currency's minor unit: 0 for CLP, 2 for USD. */
  minorDigits(currency: string): number {
    return this.#numberFormat({ style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  }

  /** Money from integer minor units, with the currency's own number of decimals. */
  money(amount: number, currency: string): string {
    return this.number(amount / 10 ** this.minorDigits(currency), { style: 'currency', currency });
  }

  /** A statement period (`YYYY-MM`) as its month and year: "noviembre de 2026", "November 2026". */
  month(period: string): string {
    return this.#dateFormat({ month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${period}-15T12:00:00Z`));
  }

  /** A calendar date (`YYYY-MM-DD`, shown as that same day everywhere) or an instant (shown in the shopper's time zone). */
  date(value: string | Date, options: Intl.DateTimeFormatOptions = { dateStyle: 'medium' }): string {
    const calendarDate = typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value);
    const date = calendarDate ? new Date(`${value}T12:00:00Z`) : new Date(value);
    return this.#dateFormat(calendarDate ? { ...options, timeZone: 'UTC' } : options).format(date);
  }
}
