// Loyalty: the points ledger and its rules, rewards and redemptions, promotions, and the customer pyramid (tiers).
export { birthdayGift } from './birthday-gift.ts';
export { pointsForPurchase, pointsToReverse, type ActivePromotion } from './earning.ts';
export { spendOf } from './loyalty.repository.ts';
export { balanceOf, defaultLoyaltySettings, earnForPurchase, loyaltySettingsOf, redeem, reverseForRefund, rewardAnswer, segments, settleDuePoints, settlePoints } from './loyalty.service.ts';
export { localizedFrom, localizedView, textIn, type LocalizedInput } from './localized-text.ts';
export { PointsLots } from './points-ledger.ts';
export { remindExpiringPoints, schedulePointsMail, settleDueLedgers } from './points-mail.ts';
export { scheduleTierRecompute } from './tier-schedule.ts';
export { pyramidComputedAt, recomputeTiers } from './tiers.ts';
export { pointsLiability } from './points-liability.ts';
