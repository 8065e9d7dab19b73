// The script-tag bundle: registers every Clientela element.
import './components/portal/portal.ts';
import './components/greeting/greeting.ts';
import './components/account-statement/account-statement.ts';
import './components/points-balance/points-balance.ts';
import './components/wishlist/wishlist.ts';
import './components/wishlist-button/wishlist-button.ts';
import './components/recommendations/recommendations.ts';
import './components/support-chat/support-chat.ts';
import './components/agent-console/agent-console.ts';
