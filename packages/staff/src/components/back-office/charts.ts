import { html, nothing, svg, type TemplateResult } from 'lit';

// The overview's pictures, drawn as SVG by hand: a few rectangles each, no
// library to download. Each picture is an image with a name for assistive
// technology, and the same figures sit in a table beside it.

/** One series of values, one per category: a colour in the picture, a column in the table. */
export interface Series {
  label: string;
  values: readonly number[];
}

export interface ChartOptions {
  /** Unique in the back office: names the figure's caption and table. */
  id: string;
  title: string;
  /** What the picture shows, in a sentence: the image's accessible description. */
  summary: string;
  /** The row heading of the table's first column. */
  categoryHeading: string;
  categories: readonly string[];
  series: readonly Series[];
  format: (value: number) => string;
  /** Stacks the series in one column per category (their total on top), instead of side by side. */
  stacked?: boolean;
  /** Adds a total column to the table. */
  totalLabel?: string;
  tableLabel: string;
}

const width = 640;
const height = 240;
const axis = 28;

/** The values' bars, stacked or side by side, with the categories' names under them. */
function columns(options: ChartOptions): TemplateResult {
  const { categories, series, stacked } = options;
  const totals = categories.map((_, i) => series.reduce((sum, s) => sum + Math.max(0, s.values[i] ?? 0), 0));
  const highest = Math.max(1, ...(stacked ? totals : series.flatMap((s) => s.values)));
  const plot = height - axis - 8;
  const slot = width / Math.max(1, categories.length);
  const barWidth = stacked ? slot * 0.6 : (slot * 0.8) / Math.max(1, series.length);
  const scale = (value: number) => (Math.max(0, value) / highest) * plot;
  const bars = categories.flatMap((category, i) => {
    let base = height - axis;
    return series.map((s, j) => {
      const value = s.values[i] ?? 0;
      const h = scale(value);
      const x = stacked ? i * slot + slot * 0.2 : i * slot + slot * 0.1 + j * barWidth;
      const y = stacked ? base - h : height - axis - h;
      if (stacked) base -= h;
      return svg`<rect class="series-${j}" x=${x.toFixed(1)} y=${y.toFixed(1)} width=${Math.max(1, barWidth - 2).toFixed(1)} height=${h.toFixed(1)}><title>${category} · ${s.label}: ${options.format(value)}</title></rect>`;
    });
  });
  const labels = categories.map(
    (category, i) => svg`<text x=${(i * slot + slot / 2).toFixed(1)} y=${height - 10} text-anchor="middle">${category}</text>`,
  );
  return svg`<line class="axis" x1="0" x2=${width} y1=${height - axis} y2=${height - axis}></line>${bars}${labels}`;
}

function legend(series: readonly Series[]): TemplateResult | typeof nothing {
  if (series.length < 2) return nothing;
  return html`<ul class="legend" aria-hidden="true">
    ${series.map((s, j) => html`<li><span class="swatch series-${j}"></span>${s.label}</li>`)}
  </ul>`;
}

/** The figures of a chart as a table: a row per category, a column per series. */
function table(options: ChartOptions): TemplateResult {
  const { categories, series, format, totalLabel } = options;
  return html`<div class="scroll" role="group" tabindex="0" aria-labelledby="${options.id}-caption"><table aria-labelledby="${options.id}-caption">
    <thead>
      <tr>
        <th scope="col">${options.categoryHeading}</th>
        ${series.map((s) => html`<th scope="col">${s.label}</th>`)} ${totalLabel ? html`<th scope="col">${totalLabel}</th>` : nothing}
      </tr>
    </thead>
    <tbody>
      ${categories.map(
        (category, i) => html`<tr>
          <th scope="row">${category}</th>
          ${series.map((s) => html`<td>${format(s.values[i] ?? 0)}</td>`)}
          ${totalLabel ? html`<td>${format(series.reduce((sum, s) => sum + (s.values[i] ?? 0), 0))}</td>` : nothing}
        </tr>`,
      )}
    </tbody>
  </table></div>`;
}

/** A bar chart with its legend, and its table under a disclosure. */
export function barChart(options: ChartOptions): TemplateResult {
  return html`<figure class="chart" part="chart" id=${options.id}>
    <figcaption id="${options.id}-caption">${options.title}</figcaption>
    <svg viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="${options.id}-caption" aria-describedby="${options.id}-summary">${columns(options)}</svg>
    <p class="visually-hidden" id="${options.id}-summary">${options.summary}</p>
    ${legend(options.series)}
    <details>
      <summary>${options.tableLabel}</summary>
      ${table(options)}
    </details>
  </figure>`;
}

export interface PyramidRow {
  label: string;
  /** 0 to 1. */
  left: number;
  right: number;
}

/**
 * The customer pyramid as two sets of bars back to back: each tier's share of
 * customers to the left, its share of revenue to the right, the top tier
 * first, so that a few customers bringing most of the revenue shows at once.
 */
export function pyramidChart(options: {
  id: string;
  title: string;
  summary: string;
  leftLabel: string;
  rightLabel: string;
  rows: readonly PyramidRow[];
  percent: (share: number) => string;
  table: TemplateResult;
  tableLabel: string;
}): TemplateResult {
  const rowHeight = 30;
  const labelWidth = 120;
  const half = (width - labelWidth) / 2;
  const svgHeight = options.rows.length * rowHeight + 24;
  const rows = options.rows.map((row, i) => {
    const y = 24 + i * rowHeight;
    const left = Math.max(0, Math.min(1, row.left)) * (half - 48);
    const right = Math.max(0, Math.min(1, row.right)) * (half - 48);
    return svg`<g>
      <rect class="series-0" x=${(half - left).toFixed(1)} y=${y} width=${left.toFixed(1)} height=${rowHeight - 6}><title>${row.label} · ${options.leftLabel}: ${options.percent(row.left)}</title></rect>
      <text x=${(half - left - 4).toFixed(1)} y=${y + 17} text-anchor="end">${options.percent(row.left)}</text>
      <text class="tier-label" x=${half + labelWidth / 2} y=${y + 17} text-anchor="middle">${row.label}</text>
      <rect class="series-1" x=${half + labelWidth} y=${y} width=${right.toFixed(1)} height=${rowHeight - 6}><title>${row.label} · ${options.rightLabel}: ${options.percent(row.right)}</title></rect>
      <text x=${(half + labelWidth + right + 4).toFixed(1)} y=${y + 17}>${options.percent(row.right)}</text>
    </g>`;
  });
  return html`<figure class="chart" part="chart" id=${options.id}>
    <figcaption id="${options.id}-caption">${options.title}</figcaption>
    <svg viewBox="0 0 ${width} ${svgHeight}" role="img" aria-labelledby="${options.id}-caption" aria-describedby="${options.id}-summary">
      <text x=${half} y="14" text-anchor="end">${options.leftLabel}</text>
      <text x=${half + labelWidth} y="14">${options.rightLabel}</text>
      ${rows}
    </svg>
    <p class="visually-hidden" id="${options.id}-summary">${options.summary}</p>
    <details open>
      <summary>${options.tableLabel}</summary>
      ${options.table}
    </details>
  </figure>`;
}
