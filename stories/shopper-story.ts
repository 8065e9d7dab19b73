import type { Locale, Me } from '@clientela/contract';
import { html, type TemplateResult } from 'lit';
import type { ShopperState } from '../packages/widgets/src/state/shopper/shopper-store.ts';
import { defineShopperStateProvider } from '../packages/widgets/src/testing/shopper-state-provider.ts';
import { fixtureClient, type FixtureRoutes } from './fixture-client.ts';
import { ana } from './fixtures.ts';

defineShopperStateProvider();

/** What a story of a widget inside a portal sets: the language, where the shopper is at, and what the API answers. */
export interface ShopperStoryArgs {
  locale: Locale;
  state: ShopperState;
  routes: FixtureRoutes;
}

/** A shopper signed in and loaded; Ana unless told otherwise. */
export const signedIn = (me: Me = ana): ShopperState => ({ status: 'ready', me, refresh: () => {} });

/** Controls for those: a language switch; the state and the answers are each story's own. */
export const shopperArgTypes = {
  locale: { control: 'inline-radio', options: ['es', 'en'] },
  state: { control: false },
  routes: { control: false },
} as const;

/** The widget inside a stand-in portal that holds that shopper and answers from those routes. */
export function inShopperState({ locale, state, routes }: ShopperStoryArgs, widget: TemplateResult) {
  return html`<crm-test-shopper-state .client=${fixtureClient(routes)} .state=${state} locale=${locale}>${widget}</crm-test-shopper-state>`;
}
