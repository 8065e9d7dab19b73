import type { Locale } from '@clientela/contract';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../packages/widgets/src/components/points-balance/points-balance.ts';
import type { FixtureRoutes } from './fixture-client.ts';
import { inShopperState, shopperArgTypes, signedIn, type ShopperStoryArgs } from './shopper-story.ts';
import { pointsAccount, pointsHistoryIn, rewardsIn } from './fixtures.ts';

type Args = ShopperStoryArgs;

const meta: Meta<Args> = {
  title: 'Widgets/crm-points-balance',
  component: 'crm-points-balance',
  tags: ['autodocs'],
  argTypes: shopperArgTypes,
  args: { locale: 'es', state: signedIn() },
  render: (args) => inShopperState(args, html`<crm-points-balance></crm-points-balance>`),
};
export default meta;

type Story = StoryObj<Args>;

/** The language a request asks its answer in, as the API reads `?locale=`. */
const localeOf = (url: URL): Locale => (url.searchParams.get('locale') === 'en' ? 'en' : 'es');

const routes = (account = pointsAccount, history = pointsHistoryIn, items = rewardsIn): FixtureRoutes => ({
  '/v1/me/points': account,
  '/v1/rewards': (url: URL) => ({ items: items(localeOf(url)) }),
  '/v1/me/points/history': (url: URL) => ({ items: history(localeOf(url)), nextCursor: null }),
});

const none = (): never[] => [];

export const Member: Story = { tags: ['widths'], args: { routes: routes() } };

export const English: Story = { args: { locale: 'en', routes: routes() } };

export const TopTier: Story = { args: { routes: routes({ ...pointsAccount, tier: 'top', balance: 245_662, progress: null }) } };

export const NewMember: Story = {
  args: { routes: routes({ balance: 0, tier: 'potential', progress: null, expiring: [], pointsLifetimeDays: 365 }, none) },
};

export const NoRewards: Story = { args: { routes: routes(pointsAccount, pointsHistoryIn, none) } };

export const SignedOut: Story = { args: { state: { status: 'signed-out' }, routes: {} } };

export const Loading: Story = { args: { routes: { '/v1/me/points': 'never', '/v1/rewards': 'never', '/v1/me/points/history': 'never' } } };

export const Error: Story = { args: { routes: { '/v1/me/points': { status: 503, problem: 'unavailable' }, '/v1/rewards': { items: rewardsIn('es') }, '/v1/me/points/history': { items: [], nextCursor: null } } } };

/** The shopper's device has no connection. */
export const Offline: Story = { args: { routes: { '/v1/me/points': 'offline', '/v1/rewards': 'offline', '/v1/me/points/history': 'offline' } } };

/** Member, in the kit's dark theme. */
export const Dark: Story = { ...Member, tags: [], globals: { theme: 'dark' } };
