import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../packages/widgets/src/components/privacy/privacy.ts';
import type { FixtureRoutes } from './fixture-client.ts';
import { anaConsents, anaExport, newShopperExport } from './fixtures.ts';
import { inShopperState, shopperArgTypes, signedIn, type ShopperStoryArgs } from './shopper-story.ts';

type Args = ShopperStoryArgs;

const meta: Meta<Args> = {
  title: 'Widgets/crm-privacy',
  component: 'crm-privacy',
  tags: ['autodocs'],
  argTypes: shopperArgTypes,
  args: { locale: 'es', state: signedIn() },
  render: (args) => inShopperState(args, html`<crm-privacy></crm-privacy>`),
};
export default meta;

type Story = StoryObj<Args>;

const routes = (held = anaExport): FixtureRoutes => ({ '/v1/me/consents': held.consents, '/v1/me/export': held });

/** What the store keeps about Ana, her consents, and the two members of the staff who looked at her data. */
export const Main: Story = { tags: ['widths'], args: { routes: routes() } };

export const English: Story = { args: { locale: 'en', routes: routes() } };

/** A shopper who just joined: nothing held but a name, consents at the store's defaults, and nobody has looked. */
export const Empty: Story = { args: { routes: routes(newShopperExport) } };

export const SignedOut: Story = { args: { state: { status: 'signed-out' }, routes: {} } };

export const Loading: Story = { args: { routes: { '/v1/me/consents': anaConsents, '/v1/me/export': 'never' } } };

export const Error: Story = { args: { routes: { '/v1/me/consents': anaConsents, '/v1/me/export': { status: 503, problem: 'unavailable' } } } };

/** The shopper's device has no connection. */
export const Offline: Story = { args: { routes: { '/v1/me/consents': 'offline', '/v1/me/export': 'offline' } } };

/** Main, in the kit's dark theme. */
export const Dark: Story = { ...Main, tags: [], globals: { theme: 'dark' } };
