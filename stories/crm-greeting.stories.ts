import type { Locale, Tier } from '@clientela/contract';
import { NetworkError } from '@clientela/client';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../packages/widgets/src/components/greeting/greeting.ts';
import type { ShopperState } from '../packages/widgets/src/state/shopper/shopper-store.ts';
import { defineShopperStateProvider } from '../packages/widgets/src/testing/shopper-state-provider.ts';
import { fixtureClient, type FixtureRoutes } from './fixture-client.ts';
import { ana, wishlistAlerts } from './fixtures.ts';

defineShopperStateProvider();

interface Args {
  locale: Locale;
  state: ShopperState;
  /** What the API answers, for the wishlist alerts; none when left out. */
  routes?: FixtureRoutes;
}

const meta: Meta<Args> = {
  title: 'Widgets/crm-greeting',
  component: 'crm-greeting',
  tags: ['autodocs'],
  argTypes: {
    locale: { control: 'inline-radio', options: ['es', 'en'] },
    state: { control: false },
    routes: { control: false },
  },
  args: { locale: 'es' },
  render: ({ locale, state, routes }) => html`<crm-test-shopper-state .state=${state} .client=${routes ? fixtureClient(routes) : undefined} locale=${locale}>
    <crm-greeting><button slot="signed-out" type="button">${locale === 'es' ? 'Iniciar sesión' : 'Sign in'}</button></crm-greeting>
  </crm-test-shopper-state>`,
};
export default meta;

type Story = StoryObj<Args>;
const ready = (changes: Partial<typeof ana> = {}): ShopperState => ({ status: 'ready', me: { ...ana, ...changes }, refresh: () => {} });

export const SignedIn: Story = { args: { state: ready() } };

/** With unread wishlist alerts: a price dropped on something the shopper saved. */
export const WithAlerts: Story = { tags: ['widths'], args: { state: ready(), routes: { '/v1/me/notifications': wishlistAlerts } } };

export const English: Story = { args: { locale: 'en', state: ready({ firstName: 'Emma', tier: 'medium', points: { balance: 5_546 } }) } };

export const Birthday: Story = { args: { state: ready({ firstName: 'Lucía', birthdayToday: true, tier: 'small' }) } };

export const NewMember: Story = { args: { state: ready({ firstName: 'Diego', tier: 'potential' as Tier, points: { balance: 0 } }) } };

export const SignedOut: Story = { args: { state: { status: 'signed-out' } } };

export const Loading: Story = { args: { state: { status: 'loading' } } };

export const Error: Story = {
  args: { state: { status: 'error', error: new globalThis.Error('The store did not answer'), retry: () => {} } },
};

/** The shopper's device has no connection. */
export const Offline: Story = {
  args: { state: { status: 'error', error: new NetworkError(new TypeError('Failed to fetch')), retry: () => {} } },
};

export const Themed: Story = {
  args: { state: ready() },
  render: ({ locale, state }) => html`<div class="dark-theme">
    <crm-test-shopper-state .state=${state} locale=${locale}><crm-greeting></crm-greeting></crm-test-shopper-state>
  </div>`,
  decorators: [
    (story) => html`<style>
        .dark-theme {
          --crm-color-surface: #1e1b2e;
          --crm-color-text: #f5f3ff;
          --crm-color-border: #3b3558;
          --crm-color-accent: #c4b5fd;
          --crm-radius: 1.5rem;
          padding: 1rem;
          background: #120f1f;
        }</style
      >${story()}`,
  ],
};

/** SignedIn, in the kit's dark theme. */
export const Dark: Story = { ...SignedIn, globals: { theme: 'dark' } };
