import '../wishlist-button/wishlist-button.ts';
import { CrmRecommendations } from './recommendations.component.ts';

// The cards carry hearts: registering the recommendations registers the heart it uses.
CrmRecommendations.define('crm-recommendations');

declare global {
  interface HTMLElementTagNameMap {
    'crm-recommendations': CrmRecommendations;
  }
}

export { CrmRecommendations };
