import type { CustomerList, FeedbackReport, Overview, Tier } from '@clientela/contract';
import { getFeedbackReport, getOverview, listCustomers, tiers } from '@clientela/contract/routes';
import { html, type TemplateResult } from 'lit';
import { barChart, pyramidChart } from './charts.ts';
import { load, problemText, type Loadable, type Office } from './office.ts';

/** The store at a glance: the pyramid, revenue per tier, lifetime value, the points liability, the card portfolio, the best customers, and how shoppers rate their purchases. */
export class OverviewPage {
  readonly #office: Office;
  overview: Loadable<Overview> = { status: 'loading' };
  best: Loadable<CustomerList> = { status: 'loading' };
  feedback: Loadable<FeedbackReport> = { status: 'loading' };

  constructor(office: Office) {
    this.#office = office;
  }

  load(): void {
    const { client } = this.#office;
    void load(this.#office, () => client.call(getOverview), (state) => (this.overview = state));
    void load(this.#office, () => client.call(listCustomers, { query: { sort: 'lifetime-value', limit: 5 } }), (state) => (this.best = state));
    void load(this.#office, () => client.call(getFeedbackReport, { query: {} }), (state) => (this.feedback = state));
  }

  render(): TemplateResult {
    const { terms: t } = this.#office;
    const state = this.overview;
    if (state.status === 'loading') return html`<p aria-busy="true">${t.loading}</p>`;
    if (state.status === 'error') {
      return html`<p role="alert">${problemText(state.error, t)}</p>
        <button type="button" @click=${() => this.load()}>${t.retry}</button>`;
    }
    const overview = state.value;
    return html`<p class="meta">${t.asOf(this.#office.i18n.date(overview.asOf, { dateStyle: 'medium', timeStyle: 'short' }))}</p>
      <div class="overview">
        ${this.#pyramid(overview)} ${this.#bestCustomers()} ${this.#monthly(overview)} ${this.#lifetimeValue(overview)} ${this.#points(overview)} ${this.#card(overview)}
        ${this.#feedback()}
      </div>`;
  }

  #money = (amount: number, currency: string) => this.#office.i18n.money(amount, currency);
  #percent = (share: number) => this.#office.i18n.number(share, { style: 'percent', maximumFractionDigits: 1 });

  #pyramid(overview: Overview): TemplateResult {
    const { terms: t, i18n } = this.#office;
    const { pyramid, currency } = overview;
    const tierName = (tier: Tier) => i18n.term.tiers[tier];
    const top = pyramid.tiers[0];
    const table = html`<div class="scroll" role="group" tabindex="0" aria-labelledby="pyramid-caption"><table aria-labelledby="pyramid-caption">
      <thead>
        <tr>
          <th scope="col">${t.tier}</th>
          <th scope="col">${t.customers}</th>
          <th scope="col">${t.customerShare}</th>
          <th scope="col">${t.revenue12}</th>
          <th scope="col">${t.revenueShare}</th>
        </tr>
      </thead>
      <tbody>
        ${pyramid.tiers.map(
          (row) => html`<tr>
            <th scope="row"><button type="button" class="link" @click=${() => this.#office.openTier(row.tier)}>${tierName(row.tier)}</button></th>
            <td>${i18n.number(row.customers)}</td>
            <td>${this.#percent(row.customerShare)}</td>
            <td>${this.#money(row.revenue, currency)}</td>
            <td>${this.#percent(row.revenueShare)}</td>
          </tr>`,
        )}
      </tbody>
    </table></div>`;
    return html`<section class="card wide" aria-labelledby="pyramid-caption">
      ${pyramidChart({
        id: 'pyramid',
        title: t.pyramid,
        summary: top ? t.pyramidSummary(tierName(top.tier), this.#percent(top.customerShare), this.#percent(top.revenueShare)) : '',
        leftLabel: t.customerShare,
        rightLabel: t.revenueShare,
        rows: pyramid.tiers.map((row) => ({ label: tierName(row.tier), left: row.customerShare, right: row.revenueShare })),
        percent: this.#percent,
        table,
        tableLabel: t.asTable,
      })}
    </section>`;
  }

  #bestCustomers(): TemplateResult {
    const { terms: t, i18n } = this.#office;
    const state = this.best;
    return html`<section class="card" aria-labelledby="best-title" part="best-customers">
      <h3 id="best-title">${t.bestCustomers}</h3>
      ${state.status === 'loading'
        ? html`<p aria-busy="true">${t.loading}</p>`
        : state.status === 'error'
          ? html`<p role="alert">${problemText(state.error, t)}</p>`
          : html`<ol class="best">
              ${state.value.items.map(
                (customer) => html`<li>
                  <button type="button" class="link" @click=${() => this.#office.openCustomer(customer.id)}>${customer.firstName} ${customer.lastName}</button>
                  <span part="tier" data-tier=${customer.tier}>${i18n.term.tiers[customer.tier]}</span>
                  <span class="figure">${this.#money(customer.lifetimeValue.amount, customer.lifetimeValue.currency)}</span>
                </li>`,
              )}
            </ol>`}
    </section>`;
  }

  #monthly(overview: Overview): TemplateResult {
    const { terms: t, i18n } = this.#office;
    const shown = tiers.filter((tier) => overview.monthlyRevenue.some((month) => month.byTier[tier] > 0));
    const monthName = (month: string) => i18n.date(`${month}-15`, { month: 'short', year: '2-digit' });
    return html`<section class="card wide">
      ${barChart({
        id: 'monthly',
        title: t.monthlyRevenue,
        summary: t.monthlySummary(this.#money(overview.monthlyRevenue.reduce((sum, month) => sum + month.revenue, 0), overview.currency)),
        categoryHeading: t.month,
        categories: overview.monthlyRevenue.map((month) => monthName(month.month)),
        series: shown.map((tier) => ({ label: i18n.term.tiers[tier], values: overview.monthlyRevenue.map((month) => month.byTier[tier]) })),
        format: (value) => this.#money(value, overview.currency),
        stacked: true,
        totalLabel: t.total,
        tableLabel: t.asTable,
      })}
    </section>`;
  }

  #lifetimeValue(overview: Overview): TemplateResult {
    const { terms: t, i18n } = this.#office;
    const { lifetimeValue: ltv, currency } = overview;
    const compact = (amount: number) => i18n.number(amount / 10 ** i18n.minorDigits(currency), { notation: 'compact', maximumFractionDigits: 1 });
    const range = (from: number, to: number | null) => (to === null ? t.andAbove(compact(from)) : to === from ? compact(from) : `${compact(from)}–${compact(to)}`);
    return html`<section class="card wide">
      ${barChart({
        id: 'lifetime-value',
        title: t.lifetimeValueDistribution,
        summary: t.lifetimeValueSummary(i18n.number(ltv.customers), this.#money(ltv.average, currency), this.#money(ltv.median, currency), ltv.expectedLifespanYears),
        categoryHeading: t.lifetimeValue,
        categories: ltv.buckets.map((bucket) => range(bucket.from, bucket.to)),
        series: [{ label: t.customers, values: ltv.buckets.map((bucket) => bucket.customers) }],
        format: (value) => i18n.number(value),
        tableLabel: t.asTable,
      })}
      <dl class="figures">
        <div><dt>${t.average}</dt><dd>${this.#money(ltv.average, currency)}</dd></div>
        <div><dt>${t.median}</dt><dd>${this.#money(ltv.median, currency)}</dd></div>
        <div><dt>${t.total}</dt><dd>${this.#money(ltv.total, currency)}</dd></div>
      </dl>
    </section>`;
  }

  #points(overview: Overview): TemplateResult {
    const { terms: t, i18n } = this.#office;
    const { points, currency } = overview;
    return html`<section class="card" aria-labelledby="points-title">
      <h3 id="points-title">${t.pointsLiability}</h3>
      <dl class="figures">
        <div><dt>${t.pointsOutstanding}</dt><dd>${i18n.number(points.outstanding)}</dd></div>
        <div><dt>${t.worth}</dt><dd>${this.#money(points.value, currency)}</dd></div>
        <div><dt>${t.expiringIn(30)}</dt><dd>${i18n.number(points.expiringIn30Days.points)} · ${this.#money(points.expiringIn30Days.value, currency)}</dd></div>
        <div><dt>${t.expiringIn(90)}</dt><dd>${i18n.number(points.expiringIn90Days.points)} · ${this.#money(points.expiringIn90Days.value, currency)}</dd></div>
      </dl>
    </section>`;
  }

  #card(overview: Overview): TemplateResult {
    const { terms: t, i18n } = this.#office;
    const { card, currency } = overview;
    return html`<section class="card" aria-labelledby="card-title">
      <h3 id="card-title">${t.cardPortfolio}</h3>
      ${card.accounts === 0
        ? html`<p>${t.noCards}</p>`
        : html`<dl class="figures">
            <div><dt>${t.accounts}</dt><dd>${i18n.number(card.accounts)}</dd></div>
            <div><dt>${t.creditLimit}</dt><dd>${this.#money(card.creditLimit, currency)}</dd></div>
            <div><dt>${t.billed}</dt><dd>${this.#money(card.billed, currency)}</dd></div>
            <div><dt>${t.outstanding}</dt><dd>${this.#money(card.outstanding, currency)}</dd></div>
            <div><dt>${t.revolving}</dt><dd>${this.#money(card.revolving, currency)}</dd></div>
            <div><dt>${t.overdue}</dt><dd>${t.overdueAccounts(card.overdue.accounts)} · ${this.#money(card.overdue.amount, currency)}</dd></div>
          </dl>`}
    </section>`;
  }

  /** The net promoter score from the question after each delivery: the period's, each month's and each tier's, and the latest comments. */
  #feedback(): TemplateResult {
    const { terms: t } = this.#office;
    const state = this.feedback;
    return html`<section class="card wide" aria-labelledby="feedback-title" part="feedback">
      <h3 id="feedback-title">${t.feedbackTitle}</h3>
      ${state.status === 'loading'
        ? html`<p aria-busy="true">${t.loading}</p>`
        : state.status === 'error'
          ? html`<p role="alert">${problemText(state.error, t)}</p>`
          : state.value.total.responses === 0
            ? html`<p>${t.feedbackNone}</p>`
            : this.#feedbackFigures(state.value)}
    </section>`;
  }

  #feedbackFigures(report: FeedbackReport): TemplateResult {
    const { terms: t, i18n } = this.#office;
    const score = (nps: number | null) => (nps === null ? '—' : i18n.number(Math.round(nps), { signDisplay: 'exceptZero' }));
    type Figures = FeedbackReport['total'];
    const table = (id: string, caption: string, heading: string, rows: Array<{ label: string } & Figures>) =>
      html`<div class="scroll" role="group" tabindex="0" aria-labelledby=${id}><table aria-labelledby=${id}>
        <caption id=${id}>${caption}</caption>
        <thead>
          <tr>
            <th scope="col">${heading}</th>
            <th scope="col">${t.npsScore}</th>
            <th scope="col">${t.responses}</th>
            <th scope="col">${t.promoters}</th>
            <th scope="col">${t.passives}</th>
            <th scope="col">${t.detractors}</th>
          </tr>
        </thead>
        <tbody>
          ${rows.map(
            (row) => html`<tr>
              <th scope="row">${row.label}</th>
              <td>${score(row.nps)}</td>
              <td>${i18n.number(row.responses)}</td>
              <td>${i18n.number(row.promoters)}</td>
              <td>${i18n.number(row.passives)}</td>
              <td>${i18n.number(row.detractors)}</td>
            </tr>`,
          )}
        </tbody>
      </table></div>`;
    const month = (value: string) => i18n.date(`${value}-15`, { month: 'long', year: 'numeric' });
    return html`<p class="nps"><strong>${score(report.total.nps)}</strong> ${t.feedbackSummary(i18n.number(report.total.responses), month(report.from), month(report.to))}</p>
      ${table('nps-months', t.feedbackByMonth, t.month, report.months.filter((row) => row.responses > 0).map((row) => ({ ...row, label: month(row.month) })))}
      ${table('nps-tiers', t.feedbackByTier, t.tier, report.byTier.filter((row) => row.responses > 0).map((row) => ({ ...row, label: i18n.term.tiers[row.tier] })))}
      <h4>${t.latestComments}</h4>
      ${report.comments.length === 0
        ? html`<p>${t.noComments}</p>`
        : html`<ul class="notes" part="feedback-comments">
            ${report.comments.slice(0, 5).map(
              (comment) => html`<li>
                <p class="meta">
                  ${t.scoreOf(comment.score)} · <span part="tier" data-tier=${comment.tier}>${i18n.term.tiers[comment.tier]}</span> ·
                  <button type="button" class="link" @click=${() => this.#office.openCustomer(comment.customerId)}>${t.customerNamed(comment.customerId)}</button> ·
                  <time datetime=${comment.answeredAt}>${i18n.date(comment.answeredAt, { dateStyle: 'medium' })}</time>
                </p>
                <p><bdi>${comment.comment}</bdi></p>
              </li>`,
            )}
          </ul>`}`;
  }
}
