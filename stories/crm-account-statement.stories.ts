import type { Locale } from '@clientela/contract';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, nothing } from 'lit';
import '../packages/widgets/src/components/account-statement/account-statement.ts';
import type { ShopperState } from '../packages/widgets/src/internal/context.ts';
import { defineShopperStateProvider } from '../packages/widgets/src/testing/shopper-state-provider.ts';
import { fixtureClient, type FixtureRoutes } from './fixture-client.ts';
import { ana, lateStatement, longStatement, openStatement, statementList } from './fixtures.ts';

defineShopperStateProvider();

interface Args {
  locale: Locale;
  state: ShopperState;
  routes: FixtureRoutes;
  period?: string;
  'page-size'?: number;
}

const ready: ShopperState = { status: 'ready', me: ana, refresh: () => {} };

const meta: Meta<Args> = {
  title: 'Widgets/crm-account-statement',
  component: 'crm-account-statement',
  tags: ['autodocs'],
  argTypes: {
    locale: { control: 'inline-radio', options: ['es', 'en'] },
    state: { control: false },
    routes: { control: false },
  },
  args: { locale: 'es', state: ready },
  render: ({ locale, state, routes, period, 'page-size': pageSize }) => html`<crm-test-shopper-state .client=${fixtureClient(routes)} .state=${state} locale=${locale}>
    <crm-account-statement period=${period || nothing} page-size=${pageSize || nothing}></crm-account-statement>
  </crm-test-shopper-state>`,
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
