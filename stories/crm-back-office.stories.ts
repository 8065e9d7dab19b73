import type { Locale, StaffRole } from '@clientela/contract';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, nothing } from 'lit';
import '../packages/staff/src/components/back-office/back-office.ts';
import { fixtureClient, type FixtureRoutes } from './fixture-client.ts';

interface Args {
  locale: Locale;
  role: StaffRole | 'signed-out';
  routes: FixtureRoutes;
  api?: string;
  'publishable-key': string;
}

const names: Record<StaffRole, string> = { owner: 'Isabel Fuentes', admin: 'Martín Soto', agent: 'Sofía Morales' };
const money = (amount: number) => ({ amount, currency: 'CLP' });
const months = Array.from({ length: 12 }, (_, i) => `2026-${String(i + 1).padStart(2, '0')}`);

const customers = [
  ['cli-0001', 'Ana', 'Torres', 'top', 41_250_000, 12_480_000, '2026-11-28T15:10:00Z'],
  ['cli-0152', 'Javiera', 'Muñoz', 'top', 22_910_000, 8_030_000, '2026-11-20T12:00:00Z'],
  ['cli-0002', 'Emma', 'Clarke', 'large', 9_870_000, 3_410_000, '2026-11-02T18:30:00Z'],
  ['cli-0003', 'Lucía', 'Fernández', 'medium', 2_150_000, 1_020_000, '2026-09-14T11:45:00Z'],
  ['cli-0004', 'Diego', 'Rojas', 'potential', 0, 0, null],
].map(([id, firstName, lastName, tier, ltv, spent, last]) => ({
  id,
  firstName,
  lastName,
  email: `${String(firstName).toLowerCase()}.${String(lastName).toLowerCase()}@example.com`,
  tier,
  lifetimeValue: money(Number(ltv)),
  spentToDate: money(Number(spent)),
  lastPurchaseAt: last,
  points: { balance: Math.round(Number(spent) / 1000) },
}));

const overview = {
  asOf: '2026-12-01T12:00:00Z',
  currency: 'CLP',
  pyramidComputedAt: '2026-12-01T11:55:00Z',
  pyramid: {
    customers: 320,
    revenue: 310_000_000,
    tiers: [
      ['top', 16, 0.05, 124_000_000, 0.4],
      ['large', 32, 0.1, 77_500_000, 0.25],
      ['medium', 64, 0.2, 62_000_000, 0.2],
      ['small', 96, 0.3, 46_500_000, 0.15],
      ['inactive', 80, 0.25, 0, 0],
      ['potential', 32, 0.1, 0, 0],
    ].map(([tier, count, customerShare, revenue, revenueShare]) => ({ tier, customers: count, customerShare, revenue, revenueShare })),
  },
  monthlyRevenue: months.map((month, i) => {
    const byTier = { top: 9_000_000 + i * 300_000, large: 6_000_000 + i * 150_000, medium: 5_000_000, small: 3_800_000, inactive: 0, potential: 0 };
    return { month, revenue: Object.values(byTier).reduce((a, b) => a + b, 0), byTier };
  }),
  lifetimeValue: {
    expectedLifespanYears: 3,
    customers: 208,
    total: 930_000_000,
    average: 4_470_000,
    median: 2_300_000,
    buckets: [
      { from: 0, to: 0, customers: 112, value: 0 },
      { from: 1, to: 2_000_000, customers: 96, value: 96_000_000 },
      { from: 2_000_000, to: 5_000_000, customers: 60, value: 200_000_000 },
      { from: 5_000_000, to: 10_000_000, customers: 36, value: 250_000_000 },
      { from: 10_000_000, to: null, customers: 16, value: 384_000_000 },
    ],
  },
  points: { outstanding: 1_840_000, value: 9_200_000, valuePerThousandPoints: 5000, expiringIn30Days: { points: 42_000, value: 210_000 }, expiringIn90Days: { points: 160_000, value: 800_000 } },
  card: { accounts: 190, creditLimit: 190_000_000, billed: 41_000_000, outstanding: 12_500_000, revolving: 6_100_000, overdue: { accounts: 7, amount: 640_000 } },
};

const redemption = {
  id: 'red_1',
  code: 'K7QM-2XPL',
  status: 'valid',
  reward: { id: 'cafe-cortesia', name: 'Café de cortesía' },
  cost: 300,
  customer: { id: 'cli-0001', firstName: 'Ana', lastName: 'Torres' },
  createdAt: '2026-11-30T16:00:00Z',
  expiresAt: '2026-12-30T16:00:00Z',
  usedAt: null,
  usedBy: null,
};

/** The score after deliveries: promoters, passives and detractors and the NPS they make, per month and per tier. */
const nps = (promoters: number, passives: number, detractors: number) => {
  const responses = promoters + passives + detractors;
  return { responses, promoters, passives, detractors, nps: responses === 0 ? null : ((promoters - detractors) / responses) * 100 };
};
const feedback = {
  from: '2026-01',
  to: '2026-12',
  total: nps(41, 18, 9),
  months: [
    { month: '2026-10', ...nps(12, 6, 4), byTier: [{ tier: 'top', ...nps(5, 1, 0) }] },
    { month: '2026-11', ...nps(16, 7, 3), byTier: [{ tier: 'top', ...nps(6, 2, 1) }] },
    { month: '2026-12', ...nps(13, 5, 2), byTier: [{ tier: 'top', ...nps(4, 1, 0) }] },
  ],
  byTier: [
    { tier: 'top', ...nps(15, 4, 1) },
    { tier: 'large', ...nps(14, 7, 3) },
    { tier: 'medium', ...nps(12, 7, 5) },
  ],
  comments: [
    { orderId: 'ord-001583', customerId: 'cli-0001', tier: 'top', score: 10, comment: 'Llegó antes de lo prometido y muy bien embalado.', answeredAt: '2026-11-30T18:20:00Z' },
    { orderId: 'ord-001571', customerId: 'cli-0044', tier: 'medium', score: 6, comment: 'El despacho se atrasó dos días.', answeredAt: '2026-11-28T14:05:00Z' },
  ],
};

const routes: FixtureRoutes = {
  '/v1/reports/overview': overview,
  '/v1/reports/feedback': feedback,
  '/v1/customers': { items: customers, nextCursor: null, asOf: '2026-12-01T11:55:00Z' },
  '/v1/redemptions/K7QM-2XPL': redemption,
  'POST /v1/redemptions/K7QM-2XPL/use': { ...redemption, status: 'used', usedAt: '2026-12-01T12:05:00Z', usedBy: { kind: 'staff', id: 'agt_demo_sofia', name: 'Sofía Morales', role: 'agent' } },
};

const meta: Meta<Args> = {
  title: 'Staff/crm-back-office',
  component: 'crm-back-office',
  tags: ['autodocs'],
  parameters: { layout: 'fullscreen' },
  argTypes: {
    locale: { control: 'inline-radio', options: ['es', 'en'] },
    role: { control: 'inline-radio', options: ['signed-out', 'owner', 'admin', 'agent'] },
    routes: { control: false },
  },
  args: { locale: 'en', role: 'owner', routes, 'publishable-key': 'pk_test_demo' },
  render: ({ locale, role, routes: answers, api, 'publishable-key': publishableKey }) => {
    const sessionKey = `clientela:agent-session:${publishableKey}`;
    if (role === 'signed-out') sessionStorage.removeItem(sessionKey);
    else {
      const agent = { id: `stf_${role}`, name: names[role], email: `${role}@demo.clientela.dev`, role };
      sessionStorage.setItem(sessionKey, JSON.stringify({ token: 'story', expiresAt: '2099-01-01T00:00:00Z', agent, deviceToken: 'story' }));
    }
    return html`<crm-back-office lang=${locale} api=${api || nothing} publishable-key=${publishableKey} .client=${fixtureClient(answers)}></crm-back-office>`;
  },
};
export default meta;

type Story = StoryObj<Args>;

/** Waits for a button of the back office with this text, and clicks it. */
const click = (label: string) => async ({ canvasElement }: { canvasElement: HTMLElement }) => {
  const element = canvasElement.querySelector('crm-back-office')!;
  const find = () => [...(element.shadowRoot?.querySelectorAll<HTMLButtonElement>('button') ?? [])].find((b) => b.textContent?.trim() === label);
  while (!find()) await new Promise((resolve) => setTimeout(resolve, 20));
  find()!.click();
};

export const SignIn: Story = { args: { role: 'signed-out' } };

/** What an owner sees first: the pyramid, revenue per tier, lifetime value, the points liability and the card portfolio. */
export const Overview: Story = { tags: ['widths'] };

export const Spanish: Story = { args: { locale: 'es' } };

/** An agent is offered the customers and the till only. */
export const Agent: Story = { args: { role: 'agent' } };

/** A code looked up at the till, valid and ready to honour. */
export const AtTheTill: Story = {
  args: { role: 'agent' },
  play: async (context) => {
    await click('At the till')(context);
    const element = context.canvasElement.querySelector('crm-back-office')!;
    let form: HTMLFormElement | null | undefined;
    while (!(form = element.shadowRoot?.querySelector<HTMLFormElement>('[part~=till]'))) await new Promise((resolve) => setTimeout(resolve, 20));
    form.querySelector('input')!.value = 'K7QM-2XPL';
    form.requestSubmit();
  },
};

export const Loading: Story = { args: { routes: { '/v1/reports/overview': 'never', '/v1/customers': 'never' } } };

export const Error: Story = { args: { routes: { ...routes, '/v1/reports/overview': { status: 503, problem: 'unavailable' } } } };

/** The merchant's device has no connection. */
export const Offline: Story = { args: { routes: { ...routes, '/v1/reports/overview': 'offline' } } };

/** The overview in the kit's dark theme. */
export const Dark: Story = { globals: { theme: 'dark' } };
