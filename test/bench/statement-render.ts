import { launchChromium } from '../e2e/harness.ts';
import { median } from './median.ts';

export interface RenderTimes {
  widget: number;
  plainTable: number;
}

/**
 * In headless Chromium, on the server's own origin: the time from inserting
 * `<crm-account-statement page-size="1000">` until its 1,000 rows are in the
 * DOM, against fetching the same statement and building a plain table with
 * DOM calls. Both include the same API request; medians of several runs.
 */
export async function measureStatementRender(url: string, token: string, period: string, runs = 9): Promise<RenderTimes> {
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    await page.goto(`${url}/widgets/`);
    await page.addScriptTag({ type: 'module', url: `${url}/widgets/crm-portal.js` });
    await page.addScriptTag({ type: 'module', url: `${url}/widgets/crm-account-statement.js` });
    await page.waitForFunction(() => customElements.get('crm-account-statement') && customElements.get('crm-portal'));
    const widget: number[] = [];
    const plainTable: number[] = [];
    for (let run = 0; run < runs; run++) {
      widget.push(
        await page.evaluate(
          async ({ token, period }) => {
            document.body.replaceChildren();
            const started = performance.now();
            const portal = document.createElement('crm-portal');
            portal.setAttribute('publishable-key', 'pk_test_demo');
            portal.setAttribute('token', token);
            const statement = document.createElement('crm-account-statement');
            statement.setAttribute('page-size', '1000');
            statement.setAttribute('period', period);
            portal.append(statement);
            document.body.append(portal);
            // No named helpers in here: the page receives this function's source, without the bench's build helpers.
            while ((statement.shadowRoot?.querySelectorAll('tbody tr').length ?? 0) < 1000) {
              if (statement.shadowRoot?.querySelector('[part~=retry-button]')) throw new Error('the statement did not load');
              if (performance.now() - started > 30_000) throw new Error('the statement did not render 1,000 rows in 30 s');
              await new Promise((resolve) => requestAnimationFrame(resolve));
            }
            return performance.now() - started;
          },
          { token, period },
        ),
      );
      plainTable.push(
        await page.evaluate(
          async ({ token, period }) => {
            document.body.replaceChildren();
            const started = performance.now();
            const response = await fetch(`/v1/me/statements/${period}?limit=1000`, {
              headers: { authorization: `Bearer ${token}`, 'x-publishable-key': 'pk_test_demo' },
            });
            const data = (await response.json()) as { currency: string; transactions: { items: Array<{ date: string; description: string; amount: number }> } };
            const money = new Intl.NumberFormat('es-CL', { style: 'currency', currency: data.currency });
            const dates = new Intl.DateTimeFormat('es-CL', { dateStyle: 'medium' });
            const table = document.createElement('table');
            const body = table.createTBody();
            for (const line of data.transactions.items) {
              const row = body.insertRow();
              row.insertCell().textContent = dates.format(new Date(line.date));
              row.insertCell().textContent = line.description;
              row.insertCell().textContent = money.format(line.amount);
            }
            document.body.append(table);
            await new Promise((resolve) => requestAnimationFrame(resolve));
            return performance.now() - started;
          },
          { token, period },
        ),
      );
    }
    return { widget: median(widget), plainTable: median(plainTable) };
  } finally {
    await browser.close();
  }
}
