import type { Locale } from '@clientela/contract';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, nothing } from 'lit';
import '../packages/widgets/src/components/greeting/greeting.ts';
import '../packages/widgets/src/components/portal/portal.ts';

interface Args {
  api?: string;
  'publishable-key'?: string;
  token?: string;
  locale: Locale;
}

const meta: Meta<Args> = {
  title: 'Widgets/crm-portal',
  component: 'crm-portal',
  tags: ['autodocs'],
  argTypes: {
    locale: { control: 'inline-radio', options: ['es', 'en'] },
  },
  args: { 'publishable-key': 'pk_test_demo', locale: 'es' },
  render: ({ api, 'publishable-key': publishableKey, token, locale }) => html`<crm-portal
    api=${api || nothing}
    publishable-key=${publishableKey || nothing}
    token=${token || nothing}
    locale=${locale}
  >
    <crm-greeting></crm-greeting>
  </crm-portal>`,
};
export default meta;

type Story = StoryObj<Args>;

export const SignedOut: Story = { tags: ['widths'] };
