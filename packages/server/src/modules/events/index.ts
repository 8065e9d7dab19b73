// Browsing signals (views and cart adds) of visitors and shoppers, kept for a while for recommendations.
export { browsingSignalsOf, type BrowsingSignal } from './events.service.ts';
