// Classes only: importing this module registers no tag. Register with the
// `define` entry points (`@clientela/widgets/crm-greeting`, …) or call `Class.define(tag)`.
export { CrmPortal } from './components/portal/portal.component.ts';
export { CrmGreeting } from './components/greeting/greeting.component.ts';
export { CrmAccountStatement } from './components/account-statement/account-statement.component.ts';
export { CrmPointsBalance } from './components/points-balance/points-balance.component.ts';
export { CrmWishlist } from './components/wishlist/wishlist.component.ts';
export { CrmWishlistButton } from './components/wishlist-button/wishlist-button.component.ts';
export { CrmRecommendations } from './components/recommendations/recommendations.component.ts';
export { CrmSupportChat } from './components/support-chat/support-chat.component.ts';
export { CrmAgentConsole } from './components/agent-console/agent-console.component.ts';
export { CrmElement } from './internal/crm-element.ts';
export { CrmTokenExpiredEvent } from './events/token-expired.ts';
export { CrmErrorEvent } from './events/error.ts';
export { CrmShopperChangeEvent } from './events/shopper-change.ts';
export { CrmRewardRedeemEvent } from './events/reward-redeem.ts';
export { CrmCartAddEvent } from './events/cart-add.ts';
export { CrmWishlistAddEvent } from './events/wishlist-add.ts';
export { CrmWishlistRemoveEvent } from './events/wishlist-remove.ts';
export { CrmSupportRequestEvent } from './events/support-request.ts';
export { CrmStatementPayEvent, type StatementPayDetail } from './events/statement-pay.ts';
export type { ShopperState } from './internal/context.ts';
