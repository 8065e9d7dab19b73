import { listProducts, putProduct as putProductEndpoint } from '@clientela/contract';
import type { AppDeps } from '../../deps.ts';
import type { Api } from '../../http/api.ts';
import { productPage, putProduct } from './catalog.service.ts';

export function catalogRoutes(api: Api, deps: AppDeps): void {
  api.mount(putProductEndpoint, ({ caller, params, body }) => putProduct(deps, caller.merchant, params.id, body));
  api.mount(listProducts, ({ caller, query }) => productPage(deps.db, caller.merchant, query.limit, query.after));
}
