import type { Locale } from '@clientela/contract';
import type { ContextConsumer } from '@lit/context';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import en, { type Translation } from '../translations/en.ts';
import es from '../translations/es.ts';
import { consume, localeContext } from './context.ts';

const translations: Record<Locale, Translation> = { en, es };

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

  constructor(host: ReactiveControllerHost & HTMLElement) {
    this.#host = host;
    this.#consumer = consume(host, localeContext);
    host.addController(this);
  }

  hostConnected(): void {}

  get locale(): Locale {
    return this.#consumer.value ?? pageLocale(this.#host);
  }

  get term(): Translation {
    return translations[this.locale];
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

  number(value: number): string {
    return this.#numberFormat().format(value);
  }

  /** Money from integer minor units, with the currency's own number of decimals. */
  money(amount: number, currency: string): string {
    const format = this.#numberFormat({ style: 'currency', currency });
    const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
    return format.format(amount / 10 ** digits);
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
