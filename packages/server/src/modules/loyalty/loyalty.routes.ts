import {
  correctPoints as correctPointsEndpoint,
  getLoyaltySettings,
  getMyPoints,
  getMyPointsHistory,
  getSegments,
  listRewards as listRewardsEndpoint,
  putLoyaltySettings as putLoyaltySettingsEndpoint,
  putPromotion as putPromotionEndpoint,
  putReward as putRewardEndpoint,
  redeemReward,
} from '@clientela/contract';
import type { AppDeps } from '../../deps.ts';
import type { Api } from '../../http/api.ts';
import {
  correctPoints,
  listRewards,
  loyaltySettingsOf,
  myPoints,
  myPointsHistory,
  putLoyaltySettings,
  putPromotion,
  putReward,
  redeem,
  segments,
  settleDuePoints,
} from './loyalty.service.ts';

export function loyaltyRoutes(api: Api, deps: AppDeps): void {
  api.mount(getLoyaltySettings, ({ caller }) => loyaltySettingsOf(deps.db, caller.merchant));
  api.mount(putLoyaltySettingsEndpoint, ({ caller, body }) => putLoyaltySettings(deps, caller.merchant, body));
  api.mount(putPromotionEndpoint, ({ caller, params, body }) => putPromotion(deps, caller.merchant, params.id, body));
  api.mount(putRewardEndpoint, ({ caller, params, body }) => putReward(deps, caller.merchant, params.id, body));
  api.mount(listRewardsEndpoint, ({ caller }) => listRewards(deps, caller.merchant));
  api.mount(getSegments, ({ caller }) => segments(deps, caller.merchant));
  api.mount(correctPointsEndpoint, ({ caller, params, body }) => correctPoints(deps, caller.merchant, params.id, body));
  api.mount(getMyPoints, async ({ caller }) => {
    await settleDuePoints(deps, caller.merchant, caller.customerId);
    return myPoints(deps, caller.merchant, caller.customerId);
  });
  api.mount(getMyPointsHistory, ({ caller, query }) => myPointsHistory(deps, caller.merchant, caller.customerId, query));
  api.mount(redeemReward, async ({ caller, body, headers }) => {
    await deps.rateLimits.take(caller.merchant.id, [
      ['redemptionsPerMerchant', '*'],
      ['redemptionsPerShopper', caller.customerId],
    ]);
    return redeem(deps, caller.merchant, caller.customerId, body.rewardId, headers['idempotency-key']);
  });
}
