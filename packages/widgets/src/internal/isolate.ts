import { html, type TemplateResult } from 'lit';

/**
 * Text someone else wrote (a shopper's or an agent's name, a product's, the
 * store's), set apart inside a string of interface text (an aria-label, a
 * sentence shown as text) between FIRST STRONG ISOLATE and POP DIRECTIONAL
 * ISOLATE: its own direction holds inside it, and a right-to-left override
 * in it (U+202E) ends with it instead of reversing the words after it. In a
 * template, put such text in `<bdi>` instead.
 */
export function isolate(text: string): string {
  let open = 0;
  // A pop of the text's own with nothing of its own to close would end this isolate early: it is dropped, and isolates it leaves open are closed.
  const balanced = text.replace(/[\u2066-\u2069]/g, (mark) => {
    if (mark !== '\u2069') open++;
    else if (open > 0) open--;
    else return '';
    return mark;
  });
  return `\u2068${balanced}${'\u2069'.repeat(open)}\u2069`;
}

/**
 * Interface text made with `isolate`, for a template: each isolated run goes
 * in a `<bdi>`, which does the marks' work, so the text reads as written to
 * scripts, find-in-page and tests. Only interface text sits outside the
 * isolates, so any isolate begun there is one `isolate` made.
 */
export function isolatedText(text: string): Array<string | TemplateResult> {
  const runs: Array<string | TemplateResult> = [];
  let depth = 0;
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const mark = text[i]!;
    if (mark === '\u2068' && depth === 0) {
      runs.push(text.slice(from, i));
      from = i + 1;
      depth = 1;
    } else if (depth > 0 && mark >= '\u2066' && mark <= '\u2068') depth++;
    else if (depth > 0 && mark === '\u2069' && --depth === 0) {
      runs.push(html`<bdi>${text.slice(from, i)}</bdi>`);
      from = i + 1;
    }
  }
  runs.push(text.slice(from));
  return runs;
}
