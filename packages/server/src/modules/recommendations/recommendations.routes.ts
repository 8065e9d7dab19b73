import {
  getMyRecommendations,
  getRecommendations,
  getRecommendationSettings as getRecommendationSettingsEndpoint,
  putRecommendationSettings as putRecommendationSettingsEndpoint,
} from '@clientela/contract';
import type { AppDeps } from '../../deps.ts';
import type { Api } from '../../http/api.ts';
import { myRecommendations, publicRecommendations, putRecommendationSettings, recommendationSettingsOf } from './recommendations.service.ts';

export function recommendationRoutes(api: Api, deps: AppDeps): void {
  api.mount(getMyRecommendations, ({ caller, query }) => myRecommendations(deps, caller.merchant, caller.customerId, query));
  api.mount(getRecommendations, ({ caller, query }) => publicRecommendations(deps, caller.merchant, query));
  api.mount(getRecommendationSettingsEndpoint, ({ caller }) => recommendationSettingsOf(deps.db, caller.merchant.id));
  api.mount(putRecommendationSettingsEndpoint, ({ caller, body }) => putRecommendationSettings(deps, caller.merchant, body));
}
