import type { Redemption, Reward } from '@clientela/contract';

/** The shopper redeemed points for a reward; `redemption.code` is what they use it with. */
export class CrmRewardRedeemEvent extends Event {
  static readonly type = 'crm-reward-redeem';
  readonly reward: Reward;
  readonly redemption: Redemption;

  constructor(reward: Reward, redemption: Redemption) {
    super(CrmRewardRedeemEvent.type, { bubbles: true, composed: true });
    this.reward = reward;
    this.redemption = redemption;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'crm-reward-redeem': CrmRewardRedeemEvent;
  }
}
