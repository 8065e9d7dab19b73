import type { Locale } from '@clientela/contract';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../packages/widgets/src/components/wishlist/wishlist.ts';
import type { ShopperState } from '../packages/widgets/src/internal/context.ts';
import { defineShopperStateProvider } from '../packages/widgets/src/testing/shopper-state-provider.ts';
import { fixtureClient, type FixtureRoutes } from './fixture-client.ts';
import { ana, wishlist, wishlistAlerts } from './fixtures.ts';

defineShopperStateProvider();

interface Args {
  locale: Locale;
  state: ShopperState;
  routes: FixtureRoutes;
}

const meta: Meta<Args> = {
  title: 'Widgets/crm-wishlist',
  component: 'crm-wishlist',
  tags: ['autodocs'],
  argTypes: {
    locale: { control: 'inline-radio', options: ['es', 'en'] },
    state: { control: false },
    routes: { control: false },
  },
  args: { locale: 'es', state: { status: 'ready', me: ana, refresh: () => {} } },
  render: ({ locale, state, routes }) => html`<crm-test-shopper-state .client=${fixtureClient(routes)} .state=${state} locale=${locale}>
    <crm-wishlist></crm-wishlist>
  </crm-test-shopper-state>`,
};
export default meta;

type Story = StoryObj<Args>;

const routes = (list = wishlist, alerts = wishlistAlerts): FixtureRoutes => ({ '/v1/me/wishlist': list, '/v1/me/notifications': alerts });

export const WithAlerts: Story = { args: { routes: routes() } };

export const English: Story = { args: { locale: 'en', routes: routes() } };

export const NoAlerts: Story = { args: { routes: routes(wishlist, { items: [], unread: 0 }) } };

export const Empty: Story = { args: { routes: routes({ items: [] }, { items: [], unread: 0 }) } };

export const SignedOut: Story = { args: { state: { status: 'signed-out' }, routes: {} } };

export const Loading: Story = { args: { routes: { '/v1/me/wishlist': 'never' } } };

export const Error: Story = { args: { routes: { '/v1/me/wishlist': { status: 503, problem: 'unavailable' } } } };

/** WithAlerts, in the kit's dark theme. */
export const Dark: Story = { ...WithAlerts, globals: { theme: 'dark' } };
