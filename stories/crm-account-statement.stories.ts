import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, nothing } from 'lit';
import '../packages/widgets/src/components/account-statement/account-statement.ts';
import type { FixtureRoutes } from './fixture-client.ts';
import { inShopperState, shopperArgTypes, signedIn, type ShopperStoryArgs } from './shopper-story.ts';
import { lateStatement, longStatement, openStatement, statementList } from './fixtures.ts';

interface Args extends ShopperStoryArgs {
  period?: string;
  'page-size'?: number;
}

const meta: Meta<Args> = {
  title: 'Widgets/crm-account-statement',
  component: 'crm-account-statement',
  tags: ['autodocs'],
  argTypes: shopperArgTypes,
  args: { locale: 'es', state: signedIn() },
  render: (args) =>
    inShopperState(args, html`<crm-account-statement period=${args.period || nothing} page-size=${args['page-size'] || nothing}></crm-account-statement>`),
};
export default meta;

type Story = StoryObj<Args>;

const routesFor = (...statements: typeof openStatement[]): FixtureRoutes => ({
  '/v1/me/statements': statementList(statements),
  ...Object.fromEntries(statements.map((s) => [`/v1/me/statements/${s.period}`, s])),
});

export const OpenCycle: Story = { args: { routes: routesFor(openStatement, lateStatement) } };

export const LatePayment: Story = { args: { routes: routesFor({ ...lateStatement, status: 'open' }, lateStatement) } };

export const English: Story = { args: { locale: 'en', routes: routesFor(openStatement, lateStatement) } };

export const LongHistory: Story = { args: { routes: routesFor(longStatement(10_000).first) } };

export const NoStoreCard: Story = { args: { routes: { '/v1/me/statements': { account: null, statements: [] } } } };

export const SignedOut: Story = { args: { state: { status: 'signed-out' }, routes: {} } };

export const Loading: Story = { args: { routes: { '/v1/me/statements': 'never' } } };

export const Error: Story = { args: { routes: { '/v1/me/statements': { status: 503, problem: 'unavailable' } } } };

/** LatePayment, in the kit's dark theme. */
export const Dark: Story = { ...LatePayment, globals: { theme: 'dark' } };
