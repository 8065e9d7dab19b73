import type { Locale } from '@clientela/contract';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../packages/widgets/src/components/points-balance/points-balance.ts';
import type { ShopperState } from '../packages/widgets/src/internal/context.ts';
import { defineShopperStateProvider } from '../packages/widgets/src/testing/shopper-state-provider.ts';
import { fixtureClient, type FixtureRoutes } from './fixture-client.ts';
import { ana, pointsAccount, pointsHistory, rewards } from './fixtures.ts';

defineShopperStateProvider();

interface Args {
  locale: Locale;
  state: ShopperState;
  routes: FixtureRoutes;
}

const meta: Meta<Args> = {
  title: 'Widgets/crm-points-balance',
  component: 'crm-points-balance',
  tags: ['autodocs'],
  argTypes: {
    locale: { control: 'inline-radio', options: ['es', 'en'] },
    state: { control: false },
    routes: { control: false },
  },
  args: { locale: 'es', state: { status: 'ready', me: ana, refresh: () => {} } },
  render: ({ locale, state, routes }) => html`<crm-test-shopper-state .client=${fixtureClient(routes)} .state=${state} locale=${locale}>
    <crm-points-balance></crm-points-balance>
  </crm-test-shopper-state>`,
};
export default meta;

type Story = StoryObj<Args>;

const routes = (account = pointsAccount, history = pointsHistory, items = rewards): FixtureRoutes => ({
  '/v1/me/points': account,
  '/v1/rewards': { items },
  '/v1/me/points/history': { items: history, nextCursor: null },
});

export const Member: Story = { args: { routes: routes() } };

export const English: Story = { args: { locale: 'en', routes: routes() } };

export const TopTier: Story = { args: { routes: routes({ ...pointsAccount, tier: 'top', balance: 245_662, progress: null }) } };

export const NewMember: Story = {
  args: { routes: routes({ balance: 0, tier: 'potential', progress: null, expiring: [], pointsLifetimeDays: 365 }, [], rewards) },
};

export const NoRewards: Story = { args: { routes: routes(pointsAccount, pointsHistory, []) } };

export const SignedOut: Story = { args: { state: { status: 'signed-out' }, routes: {} } };

export const Loading: Story = { args: { routes: { '/v1/me/points': 'never', '/v1/rewards': 'never', '/v1/me/points/history': 'never' } } };

export const Error: Story = { args: { routes: { '/v1/me/points': { status: 503, problem: 'unavailable' }, '/v1/rewards': { items: rewards }, '/v1/me/points/history': { items: [], nextCursor: null } } } };

/** Member, in the kit's dark theme. */
export const Dark: Story = { ...Member, globals: { theme: 'dark' } };
