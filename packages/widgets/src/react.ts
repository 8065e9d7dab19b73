// React components for every Clientela element, made with @lit/react.
// Importing this module registers the tags. Each wrapper sets the element's
// properties (`token`, `locale`, `client`, …) as properties, not attributes,
// takes a typed `onCrm…` prop for every event the element fires, and hands
// its `ref` the element itself.
import { createComponent, type EventName } from '@lit/react';
import * as React from 'react';
import { CrmAccountStatement as AccountStatementElement } from './components/account-statement/account-statement.ts';
import { CrmAgentConsole as AgentConsoleElement } from './components/agent-console/agent-console.ts';
import { CrmGreeting as GreetingElement } from './components/greeting/greeting.ts';
import { CrmPointsBalance as PointsBalanceElement } from './components/points-balance/points-balance.ts';
import { CrmPortal as PortalElement } from './components/portal/portal.ts';
import { CrmRecommendations as RecommendationsElement } from './components/recommendations/recommendations.ts';
import { CrmSupportChat as SupportChatElement } from './components/support-chat/support-chat.ts';
import { CrmWishlistButton as WishlistButtonElement } from './components/wishlist-button/wishlist-button.ts';
import { CrmWishlist as WishlistElement } from './components/wishlist/wishlist.ts';
import { CrmCartAddEvent } from './events/cart-add.ts';
import { CrmErrorEvent } from './events/error.ts';
import { CrmRewardRedeemEvent } from './events/reward-redeem.ts';
import { CrmShopperChangeEvent } from './events/shopper-change.ts';
import { CrmStatementPayEvent } from './events/statement-pay.ts';
import { CrmSupportRequestEvent } from './events/support-request.ts';
import { CrmTokenExpiredEvent } from './events/token-expired.ts';
import { CrmWishlistAddEvent } from './events/wishlist-add.ts';
import { CrmWishlistRemoveEvent } from './events/wishlist-remove.ts';

/** An event's name, carrying its class so the React prop's handler receives that class. */
const eventName = <T extends Event>(event: { readonly type: string; prototype: T }) => event.type as EventName<T>;

const onCrmCartAdd = eventName(CrmCartAddEvent);
const onCrmError = eventName(CrmErrorEvent);
const onCrmRewardRedeem = eventName(CrmRewardRedeemEvent);
const onCrmShopperChange = eventName(CrmShopperChangeEvent);
const onCrmStatementPay = eventName(CrmStatementPayEvent);
const onCrmSupportRequest = eventName(CrmSupportRequestEvent);
const onCrmTokenExpired = eventName(CrmTokenExpiredEvent);
const onCrmWishlistAdd = eventName(CrmWishlistAddEvent);
const onCrmWishlistRemove = eventName(CrmWishlistRemoveEvent);

/** `<crm-portal>`: give it `token` from your backend and answer `onCrmTokenExpired` with a fresh one. */
export const CrmPortal = createComponent({
  react: React,
  tagName: 'crm-portal',
  elementClass: PortalElement,
  events: { onCrmTokenExpired, onCrmShopperChange, onCrmError },
});

export const CrmGreeting = createComponent({
  react: React,
  tagName: 'crm-greeting',
  elementClass: GreetingElement,
});

export const CrmAccountStatement = createComponent({
  react: React,
  tagName: 'crm-account-statement',
  elementClass: AccountStatementElement,
  events: { onCrmStatementPay, onCrmSupportRequest, onCrmError },
});

export const CrmPointsBalance = createComponent({
  react: React,
  tagName: 'crm-points-balance',
  elementClass: PointsBalanceElement,
  events: { onCrmRewardRedeem, onCrmError },
});

export const CrmWishlist = createComponent({
  react: React,
  tagName: 'crm-wishlist',
  elementClass: WishlistElement,
  events: { onCrmCartAdd, onCrmWishlistRemove, onCrmError },
});

export const CrmWishlistButton = createComponent({
  react: React,
  tagName: 'crm-wishlist-button',
  elementClass: WishlistButtonElement,
  events: { onCrmWishlistAdd, onCrmWishlistRemove, onCrmError },
});

/** Its cards carry wishlist hearts, whose events reach it too. */
export const CrmRecommendations = createComponent({
  react: React,
  tagName: 'crm-recommendations',
  elementClass: RecommendationsElement,
  events: { onCrmCartAdd, onCrmWishlistAdd, onCrmWishlistRemove, onCrmError },
});

export const CrmSupportChat = createComponent({
  react: React,
  tagName: 'crm-support-chat',
  elementClass: SupportChatElement,
  events: { onCrmError },
});

export const CrmAgentConsole = createComponent({
  react: React,
  tagName: 'crm-agent-console',
  elementClass: AgentConsoleElement,
  events: { onCrmError },
});
