import { getOverview } from '@clientela/contract';
import type { AppDeps } from '../../deps.ts';
import type { Api } from '../../http/api.ts';
import { overview } from './reports.service.ts';

export function reportRoutes(api: Api, deps: AppDeps): void {
  api.mount(getOverview, ({ caller }) => overview(deps, caller.merchant));
}
