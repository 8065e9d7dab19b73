import { parseAst, type Plugin } from 'vite';

/** Tags whose templates are markup or style sheets, where a run of whitespace means what one space or newline means. */
const markupTags = new Set(['html', 'svg']);
const styleTags = new Set(['css']);

interface Quasi {
  start: number;
  end: number;
  style: boolean;
}

/** The newlines of some text, and nothing else: what keeps the module's lines where they were. */
const newlinesOf = (text: string) => '\n'.repeat(text.split('\n').length - 1);

/** A run of whitespace as its newlines alone, or one space: what it renders as, and the module keeps its lines. */
const shortened = (run: string) => (run.includes('\n') ? newlinesOf(run) : ' ');

/** Markup: every run of whitespace shortened, nothing else touched. */
const minifyMarkup = (text: string) => text.replace(/\s{2,}/g, shortened);

/**
 * Style sheets: comments gone, and no whitespace next to the punctuation that
 * needs none (`{ } ; ,` and after `:`); elsewhere runs shortened. Spaces that
 * matter (descendant selectors, `calc(a + b)`) stay.
 */
const minifyStyles = (text: string) =>
  text
    .replace(/\/\*[\s\S]*?\*\//g, newlinesOf)
    .replace(/\s+/g, (run, at: number, whole: string) => {
      const before = whole[at - 1] ?? '';
      const after = whole[at + run.length] ?? '';
      const needless = (before !== '' && '{};,:'.includes(before)) || (after !== '' && '{};,'.includes(after));
      return needless ? newlinesOf(run) : shortened(run);
    });

function templatesOf(node: unknown, found: Quasi[]): Quasi[] {
  if (Array.isArray(node)) {
    for (const child of node) templatesOf(child, found);
  } else if (node && typeof node === 'object') {
    const value = node as { type?: string; tag?: { type: string; name?: string }; quasi?: { quasis: Array<{ start: number; end: number }> } };
    if (value.type === 'TaggedTemplateExpression' && value.tag?.type === 'Identifier' && value.tag.name) {
      const style = styleTags.has(value.tag.name);
      if (style || markupTags.has(value.tag.name)) for (const quasi of value.quasi!.quasis) found.push({ start: quasi.start, end: quasi.end, style });
    }
    for (const child of Object.values(node)) if (child && typeof child === 'object') templatesOf(child, found);
  }
  return found;
}

/**
 * Shortens the whitespace inside the widgets' `html` and `css` templates,
 * which minifiers leave as written (it is string content to them). Lines are
 * kept, so source maps still point at the right line.
 */
export function minifyTemplates(include: (id: string) => boolean): Plugin {
  return {
    name: 'clientela:minify-templates',
    enforce: 'post',
    transform(code, id) {
      if (!include(id) || !/\b(?:html|css|svg)`/.test(code)) return null;
      const quasis = templatesOf(parseAst(code), []).sort((a, b) => b.start - a.start);
      let result = code;
      for (const { start, end, style } of quasis) {
        const text = result.slice(start, end);
        result = result.slice(0, start) + (style ? minifyStyles(text) : minifyMarkup(text)) + result.slice(end);
      }
      return { code: result, map: null };
    },
  };
}
