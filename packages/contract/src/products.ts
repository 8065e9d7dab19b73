import * as z from 'zod/mini';
import { ExternalId, Money, PageQuery, pageOf } from './common.ts';
import { allStaff, defineEndpoint } from './endpoint.ts';

const ImageUrl = z.union([
  z.url({ protocol: /^https?$/ }).check(z.maxLength(2048)),
  z.string().check(
    z.maxLength(100_000),
    z.regex(/^data:image\/(png|jpeg|gif|webp|svg\+xml)(;base64)?,/, 'An http(s) URL or a data:image/… URI'),
  ),
]);

export const ProductInput = z.object({
  name: z.string().check(z.trim(), z.minLength(1), z.maxLength(200)),
  description: z._default(z.string().check(z.maxLength(4000)), ''),
  category: z._default(z.string().check(z.trim(), z.maxLength(80)), ''),
  /** Price in minor units of the merchant's currency. */
  price: z.int().check(z.minimum(0), z.maximum(1_000_000_000_000)),
  imageUrl: z.optional(z.nullable(ImageUrl)),
  stock: z.int().check(z.minimum(0), z.maximum(10_000_000)),
  active: z._default(z.boolean(), true),
  /**
   * What the product is, whatever its brand or model ("Cafetera espresso"):
   * products of one type stand in for each other. Recommendations learn from
   * the orders how often each type is bought again, and hold back another
   * one of a type rarely rebought (an espresso machine) from a shopper who
   * bought one lately. Without it each product is a type of its own.
   */
  type: z._default(z.string().check(z.trim(), z.maxLength(80)), ''),
  /**
   * A measure from 0 to 1 the merchant wants recommendations to lean to,
   * such as the product's margin as a share of its price; how far it lifts a
   * product is `boostWeight` of `PUT /v1/recommendation-settings`. Never shown to shoppers.
   */
  boost: z._default(z.number().check(z.minimum(0), z.maximum(1)), 0),
});
export type ProductInput = z.input<typeof ProductInput>;

export const Product = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  category: z.string(),
  price: Money,
  imageUrl: z.nullable(z.string()),
  stock: z.int(),
  active: z.boolean(),
});
export type Product = z.infer<typeof Product>;

/** A product as its merchant sees it: with its type and the boost shoppers never see. */
export const CatalogProduct = z.extend(Product, {
  type: z.string(),
  boost: z.number(),
});
export type CatalogProduct = z.infer<typeof CatalogProduct>;

export const ProductParams = z.object({ id: ExternalId });

export const putProduct = defineEndpoint({
  id: 'putProduct',
  method: 'PUT',
  path: '/v1/products/{id}',
  audience: 'secret',
  tag: 'Catalog',
  summary: "Creates or replaces one product of the merchant's catalog (idempotent).",
  params: ProductParams,
  body: ProductInput,
  response: CatalogProduct,
});

export const ProductPage = pageOf(CatalogProduct);

export const listProducts = defineEndpoint({
  id: 'listProducts',
  method: 'GET',
  path: '/v1/products',
  audience: 'secret',
  staff: allStaff,
  tag: 'Catalog',
  summary: "The merchant's catalog, by id, in pages.",
  query: PageQuery,
  response: ProductPage,
});
