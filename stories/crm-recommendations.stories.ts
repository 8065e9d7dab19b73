import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../packages/widgets/src/components/recommendations/recommendations.ts';
import type { FixtureRoutes } from './fixture-client.ts';
import { inShopperState, shopperArgTypes, signedIn, type ShopperStoryArgs } from './shopper-story.ts';
import { boughtTogether, recommendations, wishlist } from './fixtures.ts';

interface Args extends ShopperStoryArgs {
  limit: number;
  'context-product': string;
}

const meta: Meta<Args> = {
  title: 'Widgets/crm-recommendations',
  component: 'crm-recommendations',
  tags: ['autodocs'],
  argTypes: shopperArgTypes,
  args: { locale: 'es', state: signedIn(), limit: 4, 'context-product': '' },
  render: (args) => inShopperState(args, html`<crm-recommendations limit=${args.limit} context-product=${args['context-product']}></crm-recommendations>`),
};
export default meta;

type Story = StoryObj<Args>;

const routes = (answer: unknown): FixtureRoutes => ({ '/v1/me/recommendations': answer, '/v1/recommendations': answer, '/v1/me/wishlist': wishlist });

export const ForTheShopper: Story = { tags: ['widths'], args: { routes: routes(recommendations) } };

export const English: Story = { args: { locale: 'en', routes: routes(recommendations) } };

export const BoughtTogether: Story = { args: { 'context-product': 'p-034', routes: routes(boughtTogether) } };

export const Visitor: Story = {
  args: { state: { status: 'signed-out' }, routes: routes({ ...recommendations, items: recommendations.items.map((item) => ({ ...item, reason: { kind: 'popular' } })) }) },
};

export const Empty: Story = { args: { routes: routes({ items: [], modelBuiltAt: '2026-11-23T12:00:00Z' }) } };

export const Loading: Story = { args: { routes: { '/v1/me/recommendations': 'never' } } };

export const Error: Story = { args: { routes: { '/v1/me/recommendations': { status: 503, problem: 'unavailable' } } } };

/** The shopper's device has no connection. */
export const Offline: Story = { args: { routes: { '/v1/me/recommendations': 'offline' } } };

/** ForTheShopper, in the kit's dark theme. */
export const Dark: Story = { ...ForTheShopper, tags: [], globals: { theme: 'dark' } };
