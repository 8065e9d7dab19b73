import * as z from 'zod/mini';
import { ExternalId, Money, PageQuery, pageOf } from './common.ts';
import { defineEndpoint } from './endpoint.ts';

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
  response: Product,
});

export const ProductPage = pageOf(Product);

export const listProducts = defineEndpoint({
  id: 'listProducts',
  method: 'GET',
  path: '/v1/products',
  audience: 'secret',
  tag: 'Catalog',
  summary: "The merchant's catalog, by id, in pages.",
  query: PageQuery,
  response: ProductPage,
});
