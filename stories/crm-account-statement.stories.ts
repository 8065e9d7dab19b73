import type { Statement } from '@clientela/contract';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, nothing } from 'lit';
import '../packages/widgets/src/components/account-statement/account-statement.ts';
import type { FixtureRoutes } from './fixture-client.ts';
import { inShopperState, shopperArgTypes, signedIn, type ShopperStoryArgs } from './shopper-story.ts';
import { dueStatement, lateStatement, legacyStatement, longStatement, openStatement, paidStatement, revolvingStatement, statementList } from './fixtures.ts';

interface Args extends ShopperStoryArgs {
  period?: string;
  'page-size'?: number;
}

const statementElement = (args: Args) => html`<crm-account-statement period=${args.period || nothing} page-size=${args['page-size'] || nothing}></crm-account-statement>`;

const meta: Meta<Args> = {
  title: 'Widgets/crm-account-statement',
  component: 'crm-account-statement',
  tags: ['autodocs'],
  argTypes: shopperArgTypes,
  args: { locale: 'es', state: signedIn() },
  render: (args) => inShopperState(args, statementElement(args)),
};
export default meta;

type Story = StoryObj<Args>;

/** The API of a shopper with these statements, the cycle in progress first. */
const routesFor = (...statements: Statement[]): FixtureRoutes => ({
  '/v1/me/statements': statementList(statements),
  ...Object.fromEntries(statements.map((s) => [`/v1/me/statements/${s.period}`, s])),
});

/** Waits until the statement shows a part, and answers it. */
async function statementPart<T extends HTMLElement>(canvasElement: HTMLElement, name: string): Promise<T> {
  const element = canvasElement.querySelector('crm-account-statement')!;
  const find = () => element.shadowRoot?.querySelector<T>(`[part~=${name}]`);
  while (!find()) await new Promise((resolve) => setTimeout(resolve, 20));
  return find()!;
}

/** November is still to pay, so it opens first: what is left, the minimum and how it is made up, the rates, coming installments and the cost of prepaying. */
export const ClosedWithBalanceDue: Story = { tags: ['widths'], args: { routes: routesFor(openStatement, dueStatement) } };

/** A balance carried month to month: interest on it, and what paying only the minimum would cost. */
export const RevolvingWithInterest: Story = { args: { routes: routesFor(openStatement, revolvingStatement) } };

/** October's minimum was paid late and short: a late fee, interest, and the unpaid minimum counted as past due. */
export const LatePayment: Story = { args: { routes: routesFor(openStatement, lateStatement) } };

/** November, paid in full. */
export const PaidInFull: Story = { args: { period: '2026-11', routes: routesFor(openStatement, paidStatement) } };

/** Nothing left to pay of November, so the cycle in progress opens: its balance to date can be paid too. */
export const OpenCycle: Story = { args: { routes: routesFor(openStatement, paidStatement) } };

/** The shopper pressed "Pagar": the minimum, the total, or another amount. */
export const PayFormOpen: Story = {
  args: { routes: routesFor(openStatement, dueStatement) },
  play: async ({ canvasElement }) => (await statementPart(canvasElement, 'pay-button')).click(),
};

// What the API answers in PaymentReceived: November unpaid until the pretend gateway's payment lands.
let paymentRoutes: FixtureRoutes = {};

/**
 * The shopper paid the total; the page (here a pretend gateway taking a
 * second) passed its promise to `waitUntil()`, and the widget shows the
 * payment once the statement has it, without a reload.
 */
export const PaymentReceived: Story = {
  args: { routes: {} },
  render: (args) => {
    paymentRoutes = routesFor(openStatement, dueStatement);
    return inShopperState({ ...args, routes: paymentRoutes }, statementElement(args));
  },
  play: async ({ canvasElement }) => {
    canvasElement.addEventListener(
      'crm-statement-pay',
      (event) => {
        const gateway = new Promise((resolve) => setTimeout(resolve, 1000)).then(() => Object.assign(paymentRoutes, routesFor(openStatement, paidStatement)));
        event.waitUntil(gateway);
      },
      { once: true },
    );
    (await statementPart(canvasElement, 'pay-button')).click();
    (await statementPart<HTMLFormElement>(canvasElement, 'pay-form')).requestSubmit();
  },
};

/** Closed before the minimum's breakdown, rates, coming installments and prepayment cost were kept: those are left out. */
export const LegacyStatement: Story = { args: { period: '2025-10', routes: routesFor(openStatement, paidStatement, legacyStatement) } };

/** On a 320 px phone: no sideways scrolling, transactions as cards. */
export const Narrow: Story = {
  args: { routes: routesFor(openStatement, dueStatement) },
  globals: { viewport: { value: 'mobile1', isRotated: false } },
};

export const English: Story = { args: { locale: 'en', routes: routesFor(openStatement, dueStatement) } };

export const LongHistory: Story = { args: { routes: routesFor(longStatement(10_000).first) } };

export const NoStoreCard: Story = { args: { routes: { '/v1/me/statements': { account: null, statements: [] } } } };

export const SignedOut: Story = { args: { state: { status: 'signed-out' }, routes: {} } };

export const Loading: Story = { args: { routes: { '/v1/me/statements': 'never' } } };

export const Error: Story = { args: { routes: { '/v1/me/statements': { status: 503, problem: 'unavailable' } } } };

/** The shopper's device has no connection. */
export const Offline: Story = { args: { routes: { '/v1/me/statements': 'offline' } } };

/** LatePayment, in the kit's dark theme. */
export const Dark: Story = { ...LatePayment, globals: { theme: 'dark' } };
