// Budgets of calls per store, shopper, agent, address or account, counted in the database so every instance shares them.
export { defaultRateLimits, RateLimits, type RateLimitRules, type RateRule, type RateRuleName, type Reservation } from './rate-limits.ts';
