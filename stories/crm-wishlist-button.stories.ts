import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../packages/widgets/src/components/wishlist-button/wishlist-button.ts';
import type { ShopperState } from '../packages/widgets/src/internal/context.ts';
import { defineShopperStateProvider } from '../packages/widgets/src/testing/shopper-state-provider.ts';
import { fixtureClient, type FixtureRoutes } from './fixture-client.ts';
import { ana, wishlist } from './fixtures.ts';

defineShopperStateProvider();

interface Args {
  state: ShopperState;
  routes: FixtureRoutes;
  'product-id': string;
  'product-name': string;
}

const meta: Meta<Args> = {
  title: 'Widgets/crm-wishlist-button',
  component: 'crm-wishlist-button',
  tags: ['autodocs'],
  argTypes: { state: { control: false }, routes: { control: false } },
  args: { state: { status: 'ready', me: ana, refresh: () => {} }, routes: { '/v1/me/wishlist': wishlist }, 'product-id': 'p-061', 'product-name': 'Chaqueta impermeable Andes' },
  render: ({ state, routes, 'product-id': productId, 'product-name': productName }) => html`<crm-test-shopper-state .client=${fixtureClient(routes)} .state=${state} locale="es">
    <crm-wishlist-button product-id=${productId} product-name=${productName}></crm-wishlist-button>
  </crm-test-shopper-state>`,
};
export default meta;

type Story = StoryObj<Args>;

export const Saved: Story = {};

export const NotSaved: Story = { args: { 'product-id': 'p-099' } };

export const Guest: Story = { args: { state: { status: 'signed-out' } } };

export const Themed: Story = {
  decorators: [
    (story) => html`<div class="heart-theme">${story()}</div>
      <style>
        .heart-theme {
          --crm-wishlist-button-size: 3.5rem;
          --crm-wishlist-button-active-color: #7c3aed;
        }
      </style>`,
  ],
};

/** Saved, in the kit's dark theme. */
export const Dark: Story = { ...Saved, globals: { theme: 'dark' } };
