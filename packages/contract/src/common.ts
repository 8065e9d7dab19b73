import * as z from 'zod/mini';
import { locales, staffRoles, tiers } from './vocabulary.ts';

export { locales, staffRoles, tiers };

/** An id the merchant chose for one of its objects (customer, product, order). */
export const ExternalId = z.string().check(
  z.minLength(1),
  z.maxLength(64),
  z.regex(/^[A-Za-z0-9][A-Za-z0-9_.:-]*$/, 'Use letters, digits and _ . : - (up to 64), starting with a letter or digit'),
);

export const CurrencyCode = z.string().check(z.regex(/^[A-Z]{3}$/, 'An ISO 4217 code in capitals, such as CLP'), z.maxLength(3));

/** Money in integer minor units of its currency (cents; whole pesos for CLP). */
export const Money = z.object({
  amount: z.int(),
  currency: CurrencyCode,
});
export type Money = z.infer<typeof Money>;

export const Locale = z.enum(locales);
export type Locale = z.infer<typeof Locale>;

export const Tier = z.enum(tiers);
export type Tier = z.infer<typeof Tier>;

export const StaffRole = z.enum(staffRoles);
export type StaffRole = z.infer<typeof StaffRole>;

/**
 * Text a merchant writes in each of the shop's languages. A request may send
 * one string for every language (what merchants sent before texts had
 * languages) or an object with one per language, at least one; a language
 * left out reads as the store's own language, or the other one.
 */
export function localizedInput<T extends z.ZodMiniType<string, string>>(text: T) {
  return z.union([
    text,
    z.object({ es: z.optional(text), en: z.optional(text) }).check(
      z.refine((value) => value.es !== undefined || value.en !== undefined, 'Give the text in es, en or both'),
    ),
  ]);
}

/** Text as the merchant gave it in each language; null where it gave none. */
export const LocalizedText = z.object({ es: z.nullable(z.string()), en: z.nullable(z.string()) });
export type LocalizedText = z.infer<typeof LocalizedText>;

/** `?locale=`: the language to answer in, instead of the caller's own (the shopper's, else the store's). */
export const LocaleQuery = z.object({ locale: z.optional(Locale) });

export const IsoDate = z.iso.date().check(z.maxLength(10));
/** To the nanosecond at most, with an offset or Z: `2026-12-10T09:30:00.123456789-03:00` is the longest. */
export const IsoDateTime = z.iso.datetime({ offset: true }).check(z.maxLength(35));

/** One line of text up to `max` characters: trimmed, non-empty, without control characters. */
export const OneLine = (max: number) => z.string().check(z.trim(), z.minLength(1), z.maxLength(max), z.regex(/^[^\p{Cc}]*$/u, 'Control characters are not allowed'));

/** A person's name part. */
export const PersonName = OneLine(80);

export const Email = z.email().check(z.maxLength(254));

/** Keyset paging: `after` is the opaque cursor of the last item seen. */
export const PageQuery = z.object({
  limit: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(100)), 20),
  after: z.optional(z.string().check(z.minLength(1), z.maxLength(200))),
});

export function pageOf<T extends z.ZodMiniType>(item: T) {
  return z.object({
    items: z.array(item),
    /** Cursor for the next page, or `null` on the last one. */
    nextCursor: z.nullable(z.string()),
  });
}
