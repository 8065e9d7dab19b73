import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../packages/widgets/src/components/wishlist-button/wishlist-button.ts';
import type { ShopperState } from '../packages/widgets/src/state/shopper/shopper-store.ts';
import type { FixtureRoutes } from './fixture-client.ts';
import { inShopperState, signedIn } from './shopper-story.ts';
import { wishlist } from './fixtures.ts';

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
  args: { state: signedIn(), routes: { '/v1/me/wishlist': wishlist }, 'product-id': 'p-061', 'product-name': 'Chaqueta impermeable Andes' },
  render: (args) => inShopperState({ ...args, locale: 'es' }, html`<crm-wishlist-button product-id=${args['product-id']} product-name=${args['product-name']}></crm-wishlist-button>`),
};
export default meta;

type Story = StoryObj<Args>;

export const Saved: Story = { tags: ['widths'] };

export const NotSaved: Story = { args: { 'product-id': 'p-099' } };

export const Guest: Story = { args: { state: { status: 'signed-out' } } };

/** The shopper's list is still on its way: the heart shows unsaved and can already be pressed. */
export const Loading: Story = { args: { routes: { '/v1/me/wishlist': 'never' } } };

/** The store cannot read the shopper's list just now: the heart shows unsaved, and says so if pressing it fails. */
export const Error: Story = { args: { routes: { '/v1/me/wishlist': { status: 503, problem: 'unavailable' }, 'POST /v1/me/wishlist': { status: 503, problem: 'unavailable' } } } };

/** The shopper's device has no connection: the heart shows unsaved, and says so if pressing it fails. */
export const Offline: Story = { args: { routes: { '/v1/me/wishlist': 'offline', 'POST /v1/me/wishlist': 'offline' } } };

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
export const Dark: Story = { ...Saved, tags: [], globals: { theme: 'dark' } };
