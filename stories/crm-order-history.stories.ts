import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../packages/widgets/src/components/order-history/order-history.ts';
import type { FixtureRoutes } from './fixture-client.ts';
import { orderPage, shippedOrder } from './order-fixtures.ts';
import { inShopperState, shopperArgTypes, signedIn, type ShopperStoryArgs } from './shopper-story.ts';

type Args = ShopperStoryArgs & { orderId?: string };

const meta: Meta<Args> = {
  title: 'Widgets/crm-order-history',
  component: 'crm-order-history',
  tags: ['autodocs'],
  argTypes: shopperArgTypes,
  args: { locale: 'es', state: signedIn() },
  render: (args) => inShopperState(args, html`<crm-order-history order-id=${args.orderId ?? ''}></crm-order-history>`),
};
export default meta;

type Story = StoryObj<Args>;

const routes: FixtureRoutes = { '/v1/me/orders': orderPage, [`/v1/me/orders/${shippedOrder.id}`]: shippedOrder };

export const Main: Story = { tags: ['widths'], args: { routes } };

export const English: Story = { args: { locale: 'en', routes } };

/** One order opened: its tracking timeline, lines (one out of stock), payment, points, and "buy again". */
export const Tracking: Story = { args: { routes, orderId: shippedOrder.id } };

export const Empty: Story = { args: { routes: { '/v1/me/orders': { items: [], nextCursor: null } } } };

export const SignedOut: Story = { args: { state: { status: 'signed-out' }, routes: {} } };

export const Loading: Story = { args: { routes: { '/v1/me/orders': 'never' } } };

export const Error: Story = { args: { routes: { '/v1/me/orders': { status: 503, problem: 'unavailable' } } } };

/** The shopper's device has no connection. */
export const Offline: Story = { args: { routes: { '/v1/me/orders': 'offline' } } };

/** Main, in the kit's dark theme. */
export const Dark: Story = { ...Main, tags: [], globals: { theme: 'dark' } };
