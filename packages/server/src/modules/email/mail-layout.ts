import type { QuotedMessage } from './mail-words.ts';

/** What a mail says, before it is laid out as HTML and as text. */
export interface MailContent {
  lang: string;
  subject: string;
  storeName: string;
  brandColor: string;
  greeting: string;
  heading: string;
  paragraphs: string[];
  /** Label and value pairs: prices, amounts, dates. */
  facts: Array<[string, string]>;
  /** A code to read out, set apart in large type. */
  code?: { label: string; value: string };
  quotes: QuotedMessage[];
  action: { label: string; url: string };
  footer: { lines: string[]; links: Array<{ label: string; url: string }> };
}

const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

/** WCAG relative luminance of a `#rrggbb` colour. */
function luminance(hex: string): number {
  const channel = (offset: number) => {
    const value = Number.parseInt(hex.slice(offset, offset + 2), 16) / 255;
    return value <= 0.03928 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

const contrast = (a: string, b: string) => {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
};

const white = '#ffffff';
const ink = '#1f2937';

/** The text colour that reads on the store's colour: white, or near-black when white would be too faint (WCAG AA, 4.5:1). */
export const textOn = (background: string) => (contrast(white, background) >= 4.5 ? white : '#111111');

/** The store's colour for links on white when it reads there, else a blue that does. */
const linkColor = (brand: string) => (contrast(brand, white) >= 4.5 ? brand : '#1d4ed8');

const font = "font-family:Arial,Helvetica,sans-serif;";

/**
 * Lays a mail out as mail clients read it: one centred table 600 px wide,
 * every style inline (clients drop style sheets), real text (never text in
 * an image), the language declared, headings in order, and colours that
 * keep 4.5:1 contrast whatever the store's colour.
 */
export function renderHtml(content: MailContent): string {
  const onBrand = textOn(content.brandColor);
  const link = linkColor(content.brandColor);
  const paragraph = (text: string) => `<p style="margin:0 0 16px;${font}font-size:16px;line-height:24px;color:${ink};">${escapeHtml(text)}</p>`;
  const facts = content.facts.length
    ? `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="margin:0 0 20px;border-collapse:collapse;">${content.facts
        .map(
          ([label, value]) =>
            `<tr><td style="padding:8px 0;border-bottom:1px solid #e5e7eb;${font}font-size:15px;color:#4b5563;">${escapeHtml(label)}</td><td align="right" style="padding:8px 0;border-bottom:1px solid #e5e7eb;${font}font-size:16px;font-weight:bold;color:${ink};">${escapeHtml(value)}</td></tr>`,
        )
        .join('')}</table>`
    : '';
  const code = content.code
    ? `<p style="margin:0 0 4px;${font}font-size:14px;color:#4b5563;">${escapeHtml(content.code.label)}</p><p style="margin:0 0 20px;font-family:'Courier New',Courier,monospace;font-size:28px;font-weight:bold;letter-spacing:3px;color:${ink};">${escapeHtml(content.code.value)}</p>`
    : '';
  const quotes = content.quotes
    .map(
      (quote) =>
        `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="margin:0 0 12px;"><tr><td style="padding:12px 16px;background:#f3f4f6;border-left:4px solid ${content.brandColor};${font}font-size:15px;line-height:22px;color:${ink};"><strong>${escapeHtml(quote.author)}</strong><br>${escapeHtml(quote.body).replace(/\n/g, '<br>')}</td></tr></table>`,
    )
    .join('');
  const footerLines = content.footer.lines.map((line) => `<p style="margin:0 0 8px;${font}font-size:13px;line-height:19px;color:#4b5563;">${escapeHtml(line)}</p>`).join('');
  const footerLinks = content.footer.links
    .map((item) => `<a href="${escapeHtml(item.url)}" style="color:${link};text-decoration:underline;">${escapeHtml(item.label)}</a>`)
    .join(' &nbsp;·&nbsp; ');
  return `<!doctype html>
<html lang="${escapeHtml(content.lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light">
<title>${escapeHtml(content.subject)}</title>
</head>
<body style="margin:0;padding:0;background:#f3f4f6;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background:#f3f4f6;">
<tr><td align="center" style="padding:24px 12px;">
<table role="presentation" width="600" cellpadding="0" cellspacing="0" border="0" style="width:100%;max-width:600px;background:${white};border-radius:8px;">
<tr><td style="padding:20px 32px;background:${content.brandColor};border-radius:8px 8px 0 0;${font}font-size:20px;font-weight:bold;color:${onBrand};">${escapeHtml(content.storeName)}</td></tr>
<tr><td style="padding:32px;">
<h1 style="margin:0 0 16px;${font}font-size:24px;line-height:30px;color:${ink};">${escapeHtml(content.heading)}</h1>
${paragraph(content.greeting)}
${content.paragraphs.map(paragraph).join('\n')}
${quotes}${code}${facts}
<table role="presentation" cellpadding="0" cellspacing="0" border="0" style="margin:8px 0 0;"><tr><td style="border-radius:6px;background:${content.brandColor};"><a href="${escapeHtml(content.action.url)}" style="display:inline-block;padding:12px 24px;${font}font-size:16px;font-weight:bold;color:${onBrand};text-decoration:none;border-radius:6px;">${escapeHtml(content.action.label)}</a></td></tr></table>
</td></tr>
<tr><td style="padding:20px 32px;border-top:1px solid #e5e7eb;">
${footerLines}
<p style="margin:0;${font}font-size:13px;line-height:19px;color:#4b5563;">${footerLinks}</p>
</td></tr>
</table>
</td></tr>
</table>
</body>
</html>
`;
}

/** The same mail as plain text, for clients that show no HTML and for screen readers that prefer it. */
export function renderText(content: MailContent): string {
  const lines = [content.storeName, '', content.heading, '', content.greeting, '', ...content.paragraphs.flatMap((text) => [text, ''])];
  for (const quote of content.quotes) lines.push(`${quote.author}:`, ...quote.body.split('\n').map((line) => `> ${line}`), '');
  if (content.code) lines.push(`${content.code.label}: ${content.code.value}`, '');
  for (const [label, value] of content.facts) lines.push(`${label}: ${value}`);
  if (content.facts.length) lines.push('');
  lines.push(`${content.action.label}: ${content.action.url}`, '', '--', ...content.footer.lines);
  for (const item of content.footer.links) lines.push(`${item.label}: ${item.url}`);
  return `${lines.join('\n')}\n`;
}
