import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../packages/widgets/src/components/questionnaire/questionnaire.ts';
import { deliveryFeedback, preferenceQuestion } from './order-fixtures.ts';
import { inShopperState, shopperArgTypes, signedIn, type ShopperStoryArgs } from './shopper-story.ts';

type Args = ShopperStoryArgs;

const meta: Meta<Args> = {
  title: 'Widgets/crm-questionnaire',
  component: 'crm-questionnaire',
  tags: ['autodocs'],
  argTypes: shopperArgTypes,
  // Every story is a visit of its own: the questionnaire asks once per visit.
  args: { locale: 'es', state: signedIn() },
  render: (args) => {
    sessionStorage.clear();
    return inShopperState(args, html`<crm-questionnaire></crm-questionnaire>`);
  },
};
export default meta;

type Story = StoryObj<Args>;

/** A preference question with a points reward. */
export const Main: Story = { tags: ['widths'], args: { routes: { '/v1/me/questions/next': preferenceQuestion } } };

/** After a delivery: "¿Cómo fue tu compra?", 0–10 and a comment. */
export const Feedback: Story = { args: { routes: { '/v1/me/questions/next': deliveryFeedback } } };

export const English: Story = { args: { locale: 'en', routes: { '/v1/me/questions/next': deliveryFeedback } } };

/** Nothing to ask this visit: the widget shows nothing. */
export const Empty: Story = { args: { routes: { '/v1/me/questions/next': { next: null } } } };

export const SignedOut: Story = { args: { state: { status: 'signed-out' }, routes: {} } };

export const Loading: Story = { args: { routes: { '/v1/me/questions/next': 'never' } } };

export const Error: Story = { args: { routes: { '/v1/me/questions/next': { status: 503, problem: 'unavailable' } } } };

/** The shopper's device has no connection. */
export const Offline: Story = { args: { routes: { '/v1/me/questions/next': 'offline' } } };

/** Main, in the kit's dark theme. */
export const Dark: Story = { ...Main, tags: [], globals: { theme: 'dark' } };
