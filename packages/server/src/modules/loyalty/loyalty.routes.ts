import {
  correctPoints as correctPointsEndpoint,
  getCustomerPoints,
  getCustomerPointsHistory,
  getLoyaltySettings,
  getMyPoints,
  getMyPointsHistory,
  getRedemption,
  listPromotions as listPromotionsEndpoint,
  listRewardCatalog,
  listRewards as listRewardsEndpoint,
  putLoyaltySettings as putLoyaltySettingsEndpoint,
  putPromotion as putPromotionEndpoint,
  putReward as putRewardEndpoint,
  redeemReward,
  useRedemption as useRedemptionEndpoint,
} from '@clientela/contract';
import type { AppDeps } from '../../deps.ts';
import type { Api } from '../../http/api.ts';
import {
  correctPoints,
  listPromotions,
  listRewards,
  lookUpRedemption,
  loyaltySettingsOf,
  myPoints,
  pointsHistoryOf,
  putLoyaltySettings,
  putPromotion,
  putReward,
  redeem,
  rewardCatalog,
  settleDuePoints,
  useRedemption,
} from './loyalty.service.ts';

export function loyaltyRoutes(api: Api, deps: AppDeps): void {
  api.mount(getLoyaltySettings, ({ caller }) => loyaltySettingsOf(deps.db, caller.merchant));
  api.mount(putLoyaltySettingsEndpoint, ({ caller, body }) => putLoyaltySettings(deps, caller.merchant, body));
  api.mount(putPromotionEndpoint, ({ caller, params, body }) => putPromotion(deps, caller.merchant, params.id, body));
  api.mount(listPromotionsEndpoint, ({ caller, query }) => listPromotions(deps, caller.merchant, query.locale));
  api.mount(putRewardEndpoint, ({ caller, params, body }) => putReward(deps, caller.merchant, params.id, body));
  api.mount(listRewardsEndpoint, ({ caller, query }) => listRewards(deps, caller.merchant, query.locale));
  api.mount(listRewardCatalog, ({ caller }) => rewardCatalog(deps, caller.merchant));
  api.mount(correctPointsEndpoint, ({ caller, params, body }) => correctPoints(deps, caller.merchant, params.id, body));
  api.mount(getMyPoints, async ({ caller }) => {
    await settleDuePoints(deps, caller.merchant, caller.customerId);
    return myPoints(deps, caller.merchant, caller.customerId);
  });
  api.mount(getMyPointsHistory, ({ caller, query }) => pointsHistoryOf(deps, caller.merchant, caller.customerId, query, 'shopper'));
  api.mount(getCustomerPoints, async ({ caller, params }) => {
    await settleDuePoints(deps, caller.merchant, params.id);
    return myPoints(deps, caller.merchant, params.id);
  });
  api.mount(getCustomerPointsHistory, async ({ caller, params, query }) => {
    await settleDuePoints(deps, caller.merchant, params.id);
    return pointsHistoryOf(deps, caller.merchant, params.id, query, 'store');
  });
  api.mount(redeemReward, async ({ caller, body, headers }) => {
    await deps.rateLimits.take(caller.merchant.id, [
      ['redemptionsPerMerchant', '*'],
      ['redemptionsPerShopper', caller.customerId],
    ]);
    return redeem(deps, caller.merchant, caller.customerId, body.rewardId, headers['idempotency-key']);
  });
  api.mount(getRedemption, ({ caller, params }) => lookUpRedemption(deps, caller.merchant, params.code));
  api.mount(useRedemptionEndpoint, ({ caller, params }) => useRedemption(deps, caller.merchant, params.code, caller.staff && { id: caller.staff.id }));
}
