import { locales, type Locale, type LocalizedText } from '@clientela/contract';

/** Text a merchant wrote: one string for every language, or one per language. */
export type LocalizedInput = string | Partial<Record<Locale, string>>;

/** What is stored of a merchant's text: the languages it was given in. */
export function localizedFrom(input: LocalizedInput): Partial<LocalizedText> {
  if (typeof input === 'string') return Object.fromEntries(locales.map((locale) => [locale, input]));
  return Object.fromEntries(locales.flatMap((locale) => (input[locale] === undefined ? [] : [[locale, input[locale]]])));
}

/** The stored text in every language, null where the merchant gave none. */
export function localizedView(stored: Partial<LocalizedText> | null | undefined): LocalizedText {
  return { es: stored?.es ?? null, en: stored?.en ?? null };
}

/** The text in `locale`; else in the store's language; else in whichever language it has. */
export function textIn(stored: Partial<LocalizedText> | null | undefined, locale: string, storeLocale: string): string | null {
  const own = (wanted: string) => (wanted === 'es' || wanted === 'en' ? stored?.[wanted] : undefined) ?? undefined;
  return own(locale) ?? own(storeLocale) ?? locales.map((other) => stored?.[other]).find((text) => text != null) ?? null;
}
