import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { ApiError, createClient, type Client } from '@clientela/client';
import {
  createOrder,
  createPayment,
  createSession,
  getCustomer,
  getLoyaltySettings,
  getMyPoints,
  getMyPointsHistory,
  getMyStatement,
  listMyStatements,
  listRewards,
  putCardAccount,
  putCustomer,
  putLoyaltySettings,
  putProduct,
  redeemReward,
  tiers,
  type Order,
  type OrderInput,
  type PaymentInput,
  type Redemption,
  type ResponseOf,
  type Reward,
} from '@clientela/contract';
import { startClientela, temporaryDirectory, type RunningClientela } from './harness.ts';

/**
 * Two runs of the same burst of purchases, payments and redemptions, each on
 * a fresh demo store: one left alone, one killed (SIGKILL) partway through
 * and started again on the same data folder while its clients keep retrying.
 * The shoppers must end with the same points, history and statements.
 */

const secretKey = 'sk_test_demo';
const publishableKey = 'pk_test_demo';

const products = [
  { id: 'reinicio-lampara', name: 'Lámpara de escritorio', price: 39_990 },
  { id: 'reinicio-silla', name: 'Silla ergonómica', price: 149_990 },
  { id: 'reinicio-parlante', name: 'Parlante portátil', price: 89_990 },
  { id: 'reinicio-taza', name: 'Taza de cerámica', price: 12_990 },
];

const shoppers = [
  ['Catalina', 'Fuentes'],
  ['Matías', 'Herrera'],
  ['Josefa', 'Castillo'],
  ['Tomás', 'Araya'],
  ['Florencia', 'Vidal'],
  ['Benjamín', 'Reyes'],
].map(([firstName, lastName], index) => ({ id: `reinicio-cli-${index + 1}`, index, firstName: firstName!, lastName: lastName! }));
type Shopper = (typeof shoppers)[number];

/**
 * What each shopper does, one request after the other: a purchase, a payment
 * to the store card, or a redemption of the reward of that rank in the
 * catalog (cheapest first; -1 the dearest, more than anyone here earns).
 */
const script = ['order', 'order', 0, 'order', -1, 'order', 'payment', 'order', 4, 'order', 7, 'order', 'order', 2] as const;
const ordersPerShopper = script.filter((step) => step === 'order').length;
const stepsInAll = script.length * shoppers.length;

// The same instants in both runs, so statements date their purchases alike.
const firstPurchaseAt = Date.now() - 60 * 60_000;

function orderOf(shopper: Shopper, number: number): OrderInput {
  const { index: s } = shopper;
  const main = products[(s + number) % products.length]!;
  const extra = products[(s + number + 1) % products.length]!;
  const lines = [{ productId: main.id, quantity: 1 + ((s * number) % 3), unitPrice: main.price }];
  if ((s + 2 * number) % 3 === 0) lines.push({ productId: extra.id, quantity: 1, unitPrice: extra.price });
  const sum = lines.reduce((total, line) => total + line.quantity * line.unitPrice, 0);
  return {
    id: `${shopper.id}-orden-${number}`,
    customerId: shopper.id,
    placedAt: new Date(firstPurchaseAt + (s * 60 + number * 5) * 1_000).toISOString(),
    currency: 'CLP',
    lines,
    total: number % 3 === 2 ? sum - 5_000 : sum,
    payment:
      (s + number) % 4 === 3
        ? { method: 'other' }
        : { method: 'store-card', installments: [1, 3, 6, 12][(number + 2 * s) % 4]!, withInterest: (s * number) % 3 === 1 },
  };
}

const paymentOf = (shopper: Shopper): PaymentInput => ({ id: `${shopper.id}-pago`, customerId: shopper.id, amount: 50_000 + shopper.index * 10_000, currency: 'CLP' });

/** What the transport rode out on the way. */
interface Trouble {
  /** Attempts that got no answer: the server was down or went down during them. */
  unreachable: number;
  /** Any 5xx; retried like the rest, but a sign of a server bug. */
  serverErrors: string[];
}

/** 5xx answers to one request sent again before giving up: what goes on failing is not a restart. */
const serverErrorRetries = 3;

/**
 * What a careful merchant backend or shop page does with a request the server
 * did not answer for itself: sends the very same request again (same order
 * id, same Idempotency-Key) until it does. No answer or a 5xx backs off and
 * retries; a 429 waits as long as Retry-After says.
 */
function patientFetch(trouble: Trouble): typeof fetch {
  return async (input, init) => {
    const request = new Request(input, init);
    const wait = (ms: number) => sleep(ms, undefined, { signal: request.signal });
    let serverErrors = 0;
    for (let attempt = 0; ; attempt++) {
      const backoff = Math.min(1_000, 50 * 2 ** attempt);
      let response: Response;
      try {
        response = await fetch(request.clone());
      } catch (error) {
        if (request.signal.aborted) throw error;
        trouble.unreachable++;
        await wait(backoff);
        continue;
      }
      if (response.status === 429) {
        await response.body?.cancel();
        await wait(Number(response.headers.get('retry-after') ?? '1') * 1_000);
      } else if (response.status >= 500 && serverErrors++ < serverErrorRetries) {
        trouble.serverErrors.push(`${request.method} ${new URL(request.url).pathname} answered ${response.status}: ${await response.text()}`);
        await wait(backoff);
      } else {
        return response;
      }
    }
  };
}

/** Long enough to ride out a restart. */
const patience = 60_000;
const backendOf = (url: string, trouble: Trouble) => createClient({ api: url, secretKey, fetch: patientFetch(trouble), timeout: patience });
const pageOf = (url: string, trouble: Trouble, token?: string) => createClient({ api: url, publishableKey, token: token ?? null, fetch: patientFetch(trouble), timeout: patience });

/** A demo store run on its own data folder, on a port that stays its own across restarts. */
class Store {
  readonly trouble: Trouble = { unreachable: 0, serverErrors: [] };
  #server: RunningClientela;
  readonly #dataDir: Awaited<ReturnType<typeof temporaryDirectory>>;

  private constructor(dataDir: Awaited<ReturnType<typeof temporaryDirectory>>, server: RunningClientela) {
    this.#dataDir = dataDir;
    this.#server = server;
  }

  static async open(): Promise<Store> {
    const dataDir = await temporaryDirectory();
    return new Store(dataDir, await startClientela(dataDir.path));
  }

  get url(): string {
    return this.#server.url;
  }

  /** Stops it, gracefully or with SIGKILL, and starts it again on the same folder and port; `whileDown` runs in between. */
  async restart(how: 'stop' | 'kill', whileDown: () => void = () => {}): Promise<void> {
    const port = new URL(this.#server.url).port;
    await this.#server[how]();
    whileDown();
    this.#server = await startClientela(this.#dataDir.path, { PORT: port });
  }

  async close(): Promise<void> {
    await this.#server.stop();
    await this.#dataDir.remove();
  }
}

/**
 * The store's side of the story: its products and shoppers, each with a store
 * card. The tier multipliers are made equal because a start recomputes the
 * pyramid: a restart mid-burst may move a shopper to another tier sooner than
 * an uninterrupted run would, and what a purchase earns must not hang on that.
 */
async function prepare(store: Store): Promise<Reward[]> {
  const backend = backendOf(store.url, store.trouble);
  const settings = await backend.call(getLoyaltySettings);
  await backend.call(putLoyaltySettings, { body: { ...settings, tierMultipliers: Object.fromEntries(tiers.map((tier) => [tier, 10_000])) as typeof settings.tierMultipliers } });
  for (const { id, name, price } of products) {
    await backend.call(putProduct, { params: { id }, body: { name, price, stock: 1_000, category: 'Hogar' } });
  }
  for (const shopper of shoppers) {
    await backend.call(putCustomer, { params: { id: shopper.id }, body: { firstName: shopper.firstName, lastName: shopper.lastName, locale: 'es' } });
    await backend.call(putCardAccount, { params: { id: shopper.id }, body: { creditLimit: 5_000_000 } });
  }
  return (await pageOf(store.url, store.trouble).call(listRewards)).items;
}

/** One request of the burst, as its client keeps it to send it again. */
type Step =
  | { kind: 'order'; body: OrderInput }
  | { kind: 'payment'; body: PaymentInput }
  | { kind: 'redemption'; key: string; rewardId: string };

function stepsOf(shopper: Shopper, rewards: Reward[]): Step[] {
  let orders = 0;
  let redemptions = 0;
  return script.map((step): Step => {
    if (step === 'order') return { kind: 'order', body: orderOf(shopper, ++orders) };
    if (step === 'payment') return { kind: 'payment', body: paymentOf(shopper) };
    return { kind: 'redemption', key: `${shopper.id}-canje-${++redemptions}`, rewardId: rewards.at(step)!.id };
  });
}

type Answer =
  | { kind: 'order'; order: Order }
  | { kind: 'payment'; payment: ResponseOf<typeof createPayment> }
  | { kind: 'redeemed'; redemption: Redemption }
  | { kind: 'refused'; problem: string };

/** The merchant's backend and the shopper's page, each with its own credentials. */
interface Clients {
  backend: Client;
  page: Client;
}

/** Sends one step until it gets its answer. */
async function send({ backend, page }: Clients, step: Step): Promise<Answer> {
  if (step.kind === 'order') return { kind: 'order', order: await backend.call(createOrder, { body: step.body }) };
  if (step.kind === 'payment') return { kind: 'payment', payment: await backend.call(createPayment, { body: step.body }) };
  try {
    return { kind: 'redeemed', redemption: await page.call(redeemReward, { headers: { 'idempotency-key': step.key }, body: { rewardId: step.rewardId } }) };
  } catch (error) {
    if (!(error instanceof ApiError && error.status === 409)) throw error;
    return { kind: 'refused', problem: error.problem.type };
  }
}

async function clientsOf(store: Store, shopper: Shopper): Promise<Clients> {
  const backend = backendOf(store.url, store.trouble);
  const session = await backend.call(createSession, { body: { customerId: shopper.id } });
  return { backend, page: pageOf(store.url, store.trouble, session.token) };
}

interface Shopping {
  steps: Step[];
  answers: Answer[];
  clients: Clients;
}

/** Every shopper at once, each one request at a time. */
async function burst(store: Store, rewards: Reward[], onAnswer: () => void = () => {}): Promise<Map<string, Shopping>> {
  const clients = await Promise.all(shoppers.map((shopper) => clientsOf(store, shopper)));
  const shopping = await Promise.all(
    shoppers.map(async (shopper, i) => {
      const steps = stepsOf(shopper, rewards);
      const answers: Answer[] = [];
      for (const step of steps) {
        answers.push(await send(clients[i]!, step));
        onAnswer();
      }
      return { steps, answers, clients: clients[i]! };
    }),
  );
  return new Map(shoppers.map((shopper, i) => [shopper.id, shopping[i]!]));
}

/**
 * A start recomputes the pyramid in the background: waits until every
 * shopper has a tier earned by their purchases, read alike twice.
 */
async function waitForPyramid(backend: Client): Promise<void> {
  const deadline = Date.now() + 15_000;
  let previous = '';
  for (;;) {
    const current = (await Promise.all(shoppers.map(({ id }) => backend.call(getCustomer, { params: { id } })))).map((customer) => customer.tier).join();
    if (!current.includes('potential') && current === previous) return;
    assert.ok(Date.now() < deadline, `the pyramid was not recomputed after the start: ${current}`);
    previous = current;
    await sleep(500);
  }
}

/**
 * What the shopper and the merchant see of one shopper's account, less what
 * depends on the wall clock; and apart, the ids the server gave redemptions.
 */
async function accountOf(store: Store, shopper: Shopper) {
  const { backend, page } = await clientsOf(store, shopper);
  const customer = await backend.call(getCustomer, { params: { id: shopper.id } });
  const points = await page.call(getMyPoints);
  const history = await page.call(getMyPointsHistory, { query: { limit: 100 } });
  const { account, statements } = await page.call(listMyStatements);
  const details = await Promise.all(statements.map(({ period }) => page.call(getMyStatement, { params: { period }, query: { limit: 1_000 } })));
  const { openedAt: _, ...card } = account!;
  const redemptionIds = history.items.filter((entry) => entry.reason === 'redemption').map((entry) => entry.reference!);
  const seen = {
    customer: {
      tier: customer.tier,
      balance: customer.points.balance,
      spentToDate: customer.spentToDate,
      lifetimeValue: customer.lifetimeValue,
      lastPurchaseAt: customer.rfm.lastPurchaseAt,
      frequency: customer.rfm.frequency,
      monetary: customer.rfm.monetary,
    },
    points: { balance: points.balance, tier: points.tier, next: points.progress?.next ?? null, spent: points.progress?.spent ?? null },
    // Newest first. A redemption's reference is the id the server made up for it: kept apart.
    history: history.items.map(({ amount, reason, reference, label }) => ({ amount, reason, reference: reason === 'redemption' ? null : reference, label })),
    historyComplete: history.nextCursor === null,
    card,
    statements,
    // Lines of no order (payments) are dated when the server received them.
    details: details.map(({ transactions, ...figures }) => ({ ...figures, transactions: transactions.items.map((line) => (line.orderId ? line : { ...line, date: null })), more: transactions.nextCursor })),
  };
  return { seen, redemptionIds };
}
type Account = Awaited<ReturnType<typeof accountOf>>;

async function accountsOf(store: Store): Promise<Map<string, Account>> {
  return new Map(await Promise.all(shoppers.map(async (shopper) => [shopper.id, await accountOf(store, shopper)] as const)));
}

/** Reads every account after a graceful restart, so each run's tiers come from a pyramid recomputed over all its orders. */
async function accountsAfterRestart(store: Store): Promise<Map<string, Account>> {
  await store.restart('stop');
  await waitForPyramid(backendOf(store.url, store.trouble));
  return accountsOf(store);
}

/** Each purchase, payment and redemption is in the account once, and only what was answered as done. */
function assertAppliedOnce(shopping: Map<string, Shopping>, accounts: Map<string, Account>): void {
  for (const shopper of shoppers) {
    const answered = shopping.get(shopper.id)!.answers;
    const { seen: account, redemptionIds } = accounts.get(shopper.id)!;
    const orders = answered.flatMap((answer) => (answer.kind === 'order' ? [answer.order] : []));
    assert.equal(orders.length, ordersPerShopper);
    assert.ok(account.historyComplete, `${shopper.id}: the history fits one page`);

    const earnedFor = account.history.filter((entry) => entry.reason === 'purchase').map((entry) => entry.reference);
    assert.deepEqual(earnedFor.toSorted(), orders.map((order) => order.id).toSorted(), `${shopper.id}: points for each purchase, once`);
    assert.equal(account.customer.frequency, ordersPerShopper, `${shopper.id}: each purchase counted once`);
    assert.equal(account.customer.spentToDate.amount, orders.reduce((sum, order) => sum + order.total.amount, 0), `${shopper.id}: spend of the purchases, once each`);

    const redeemed = answered.flatMap((answer) => (answer.kind === 'redeemed' ? [answer.redemption.id] : []));
    assert.deepEqual(redemptionIds.toSorted(), redeemed.toSorted(), `${shopper.id}: points spent for each redemption answered 201, under its id, once`);
    assert.equal(new Set(redeemed).size, redeemed.length, `${shopper.id}: each redemption has its own id`);

    const lines = account.details.flatMap((statement) => statement.transactions);
    const billed = lines.filter((line) => line.orderId).map((line) => `${line.orderId} ${line.installment?.number ?? 1}`);
    assert.equal(new Set(billed).size, billed.length, `${shopper.id}: no installment billed twice`);
    for (const order of orders) {
      const onCard = lines.some((line) => line.orderId === order.id);
      assert.equal(onCard, order.payment.method === 'store-card', `${shopper.id}: ${order.id} is on the statement exactly when paid with the card`);
    }
    assert.equal(lines.filter((line) => line.kind === 'payment').length, 1, `${shopper.id}: the payment is credited once`);
  }
}

/** An answer as it can be compared between runs: without the ids, codes and instants the server chose. */
function comparable(answer: Answer) {
  if (answer.kind === 'payment') return { ...answer, payment: { ...answer.payment, receivedAt: null } };
  if (answer.kind === 'redeemed') {
    const { reward, cost, balanceAfter } = answer.redemption;
    return { kind: answer.kind, reward, cost, balanceAfter };
  }
  return answer;
}

/**
 * Sends every step of the burst once more, as a client that lost track of
 * what got through would, and gives what each answers now. A refusal is not
 * kept under its key (the client asks again with a new key if it wants to),
 * so a refused redemption is not sent again.
 */
async function sendAgain(shopping: Map<string, Shopping>): Promise<Map<string, Answer[]>> {
  const again = await Promise.all(
    [...shopping.values()].map(async ({ steps, answers, clients }) => {
      const answered: Answer[] = [];
      for (const [i, step] of steps.entries()) answered.push(answers[i]!.kind === 'refused' ? answers[i]! : await send(clients, step));
      return answered;
    }),
  );
  return new Map([...shopping.keys()].map((id, i) => [id, again[i]!]));
}

describe('orders and redemptions across a SIGKILL of the server', () => {
  let calm: Store;
  let crashed: Store;

  before(async () => {
    [calm, crashed] = await Promise.all([Store.open(), Store.open()]);
  });
  after(async () => {
    await Promise.all([calm?.close(), crashed?.close()]);
  });

  test('killed mid-burst and started again, the retries leave every account as a run without the crash', async () => {
    // The run without a crash.
    const calmRewards = await prepare(calm);
    const calmAnswers = await burst(calm, calmRewards);
    const calmAccounts = await accountsAfterRestart(calm);
    assertAppliedOnce(calmAnswers, calmAccounts);
    const outcomes = [...calmAnswers.values()].flatMap(({ answers }) => answers.map((answer) => answer.kind));
    assert.ok(outcomes.includes('redeemed') && outcomes.includes('refused'), 'the burst redeems and is refused for want of points');

    // The same burst, with the server killed once a third of it has been answered: a request per shopper is on its way then.
    const rewards = await prepare(crashed);
    assert.deepEqual(rewards, calmRewards);
    let answered = 0;
    let answeredAtCrash = 0;
    let crashDue!: () => void;
    const crashPoint = new Promise<void>((resolve) => (crashDue = resolve));
    const traffic = burst(crashed, rewards, () => {
      if (++answered === Math.round(stepsInAll / 3)) crashDue();
    });
    await Promise.race([crashPoint, traffic]);
    await crashed.restart('kill', () => (answeredAtCrash = answered));
    const shopping = await traffic;
    assert.ok(answeredAtCrash < stepsInAll, `the server was killed with requests still to answer (${answeredAtCrash} of ${stepsInAll} answered)`);
    assert.ok(crashed.trouble.unreachable > 0, 'requests went unanswered while the server was down, and were sent again');

    const accounts = await accountsAfterRestart(crashed);
    assert.deepEqual(calm.trouble.serverErrors, [], 'no 5xx without the crash');
    assert.deepEqual(crashed.trouble.serverErrors, [], 'no 5xx around the crash, retries included');
    assertAppliedOnce(shopping, accounts);
    for (const { id } of shoppers) {
      const [answers, calmOnes] = [shopping, calmAnswers].map((run) => run.get(id)!.answers.map(comparable));
      assert.deepEqual(answers, calmOnes, `${id}: the same answers, step by step`);
      assert.deepEqual(accounts.get(id)!.seen, calmAccounts.get(id)!.seen, `${id}: the same account`);
    }

    // What went through, before the crash or after it, was kept with its answer: all of it sent again changes nothing.
    const again = await sendAgain(shopping);
    for (const { id } of shoppers) assert.deepEqual(again.get(id), shopping.get(id)!.answers, `${id}: each step sent again answers as the first time`);
    assert.deepEqual(await accountsOf(crashed), accounts);
  });
});
