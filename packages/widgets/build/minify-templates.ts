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

/**
 * Markup: every run of whitespace shortened, and no quotes around an
 * attribute's value that HTML reads the same without them (`part=base`,
 * `stroke-width=2.2`): one with no whitespace, quote, `=`, `<`, `>` or
 * backtick, followed by whitespace or the tag's end (a `/` right after it
 * would join the value). Nothing else touched.
 */
const minifyMarkup = (text: string) => text.replace(/\s{2,}/g, shortened).replace(/="([^\s"'=<>`]+)"(?=[\s>])/g, '=$1');

/**
 * Style sheets, on one line: comments gone, no whitespace next to the
 * punctuation that needs none (`{ } ; ,` and after `:`) and elsewhere one
 * space, so spaces that matter (descendant selectors, `calc(a + b)`) stay;
 * no `;` before `}`, no quotes around a plain word in an attribute selector
 * (`[part=base]`), no 0 before a decimal point, and `#fff` for `#ffffff`.
 */
const minifyStyles = (text: string) =>
  text
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\s+/g, (run, at: number, whole: string) => {
      const before = whole[at - 1] ?? '';
      const after = whole[at + run.length] ?? '';
      const needless = (before !== '' && '{};,:'.includes(before)) || (after !== '' && '{};,'.includes(after));
      return needless ? '' : ' ';
    })
    .replace(/;}/g, '}')
    .replace(/\[([\w-]+[~|^$*]?=)'([A-Za-z_][\w-]*)'\]/g, '[$1$2]')
    .replace(/([\s:,(/])0\.(\d)/g, '$1.$2')
    .replace(/#([0-9a-f])\1([0-9a-f])\2([0-9a-f])\3\b/gi, '#$1$2$3');

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

const base64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** A number as a source map writes it: base64 VLQ, the sign in the lowest bit. */
function vlq(value: number): string {
  let rest = value < 0 ? (-value << 1) | 1 : value << 1;
  let digits = '';
  do {
    const digit = rest & 31;
    rest >>>= 5;
    digits += base64[rest > 0 ? digit | 32 : digit]!;
  } while (rest > 0);
  return digits;
}

/**
 * The module with each quasi replaced by its shortened text, and a source map
 * back to the module as it was: every token of the code maps to where it was
 * (code after a style sheet folded onto one line still points at its own
 * line and column), each line of a template's new text to the template.
 */
function replaced(code: string, edits: Array<Quasi & { text: string }>) {
  const lineStarts = [0];
  for (let at = code.indexOf('\n'); at >= 0; at = code.indexOf('\n', at + 1)) lineStarts.push(at + 1);
  let result = '';
  const lines: string[] = [];
  let segments: string[] = [];
  let column = 0;
  // Each field of a segment is relative to the one before it (the column to the one before on the same line).
  const last = { column: 0, line: 0, originalColumn: 0 };
  const mark = (offset: number) => {
    let low = 0;
    let high = lineStarts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (lineStarts[middle]! <= offset) low = middle;
      else high = middle - 1;
    }
    const originalColumn = offset - lineStarts[low]!;
    segments.push(vlq(column - last.column) + vlq(0) + vlq(low - last.line) + vlq(originalColumn - last.originalColumn));
    Object.assign(last, { column, line: low, originalColumn });
  };
  /** Writes text: code as it was (`from`: where it starts in the module) gets a mapping at every token, a template's new text at every line. */
  const write = (text: string, from?: number) => {
    const starts = from === undefined ? /^|(?<=\n)(?=.)/g : /[\w$#]+|[^\s\w$#]/g;
    let written = 0;
    for (const { index } of text.matchAll(starts)) {
      for (let newline = text.indexOf('\n', written); newline >= 0 && newline < index; newline = text.indexOf('\n', written)) {
        lines.push(segments.join(','));
        segments = [];
        column = last.column = 0;
        written = newline + 1;
      }
      column += index - written;
      written = index;
      mark(from === undefined ? templateLine(edits[current]!, lines.length - firstLine) : from + index);
    }
    for (let newline = text.indexOf('\n', written); newline >= 0; newline = text.indexOf('\n', written)) {
      lines.push(segments.join(','));
      segments = [];
      column = last.column = 0;
      written = newline + 1;
    }
    column += text.length - written;
    result += text;
  };
  /** Where the `nth` line of a template's text began in the module: markup keeps its newlines, so each line maps to its own. */
  const templateLine = (edit: Quasi, nth: number) => {
    let offset = edit.start;
    for (let line = 0; line < nth; line++) {
      const newline = code.indexOf('\n', offset);
      if (newline < 0 || newline >= edit.end) return offset;
      offset = newline + 1;
    }
    while (offset < edit.end && /[ \t]/.test(code[offset]!)) offset++;
    return offset;
  };
  let at = 0;
  let current = 0;
  let firstLine = 0;
  for (; current < edits.length; current++) {
    const edit = edits[current]!;
    write(code.slice(at, edit.start), at);
    firstLine = lines.length;
    write(edit.text);
    at = edit.end;
  }
  write(code.slice(at), at);
  lines.push(segments.join(','));
  return { code: result, mappings: lines.join(';') };
}

/**
 * Shortens the whitespace inside the widgets' `html` and `css` templates,
 * which minifiers leave as written (it is string content to them): markup
 * keeps its lines, style sheets fold onto one, and the source map follows.
 */
export function minifyTemplates(include: (id: string) => boolean): Plugin {
  return {
    name: 'clientela:minify-templates',
    enforce: 'post',
    transform(code, id) {
      if (!include(id) || !/\b(?:html|css|svg)`/.test(code)) return null;
      const edits = templatesOf(parseAst(code), [])
        .sort((a, b) => a.start - b.start)
        .map((quasi) => {
          const text = code.slice(quasi.start, quasi.end);
          return { ...quasi, text: quasi.style ? minifyStyles(text) : minifyMarkup(text) };
        });
      const { code: minified, mappings } = replaced(code, edits);
      return { code: minified, map: { version: 3, sources: [id], names: [], mappings } };
    },
  };
}
