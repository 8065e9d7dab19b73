import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../packages/widgets/src/components/wishlist/wishlist.ts';
import type { FixtureRoutes } from './fixture-client.ts';
import { inShopperState, shopperArgTypes, signedIn, type ShopperStoryArgs } from './shopper-story.ts';
import { wishlist, wishlistAlerts } from './fixtures.ts';

type Args = ShopperStoryArgs;

const meta: Meta<Args> = {
  title: 'Widgets/crm-wishlist',
  component: 'crm-wishlist',
  tags: ['autodocs'],
  argTypes: shopperArgTypes,
  args: { locale: 'es', state: signedIn() },
  render: (args) => inShopperState(args, html`<crm-wishlist></crm-wishlist>`),
};
export default meta;

type Story = StoryObj<Args>;

const routes = (list = wishlist, alerts = wishlistAlerts): FixtureRoutes => ({ '/v1/me/wishlist': list, '/v1/me/notifications': alerts });

export const WithAlerts: Story = { tags: ['widths'], args: { routes: routes() } };

export const English: Story = { args: { locale: 'en', routes: routes() } };

export const NoAlerts: Story = { args: { routes: routes(wishlist, { items: [], unread: 0 }) } };

export const Empty: Story = { args: { routes: routes({ items: [] }, { items: [], unread: 0 }) } };

export const SignedOut: Story = { args: { state: { status: 'signed-out' }, routes: {} } };

export const Loading: Story = { args: { routes: { '/v1/me/wishlist': 'never' } } };

export const Error: Story = { args: { routes: { '/v1/me/wishlist': { status: 503, problem: 'unavailable' } } } };

/** The shopper's device has no connection. */
export const Offline: Story = { args: { routes: { '/v1/me/wishlist': 'offline' } } };

/** WithAlerts, in the kit's dark theme. */
export const Dark: Story = { ...WithAlerts, tags: [], globals: { theme: 'dark' } };
