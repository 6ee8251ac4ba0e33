// Build-time shrinking of our own lit `css` and `html` template text: the JS minifier leaves
// template literals alone. Used by vite.config.ts and by the browser tests (so they run what ships).
import ts from 'typescript';

/**
 * Comments and whitespace out of CSS text, outside quoted strings. Spaces before `:` stay
 * (`.a :focus` is not `.a:focus`), and so do those around operators (`calc(a + b)`).
 * @param {string} raw
 */
export function minifyCss(raw) {
  return (
    raw
      // Quotes around an identifier in an attribute selector are optional: [part~='x'] is [part~=x].
      .replace(/(\[[\w-]+[~|^$*]?=)(['"])([A-Za-z_][\w-]*)\2\]/g, '$1$3]')
      // Comments go first, strings skipped: an apostrophe in a comment ("the catalog's answer") opens no string.
      .replace(
        /("(?:\\.|[^"\\])*"|'(?:\\.|[^'\\])*')|\/\*[\s\S]*?\*\//g,
        (_, /** @type {string | undefined} */ string) => string ?? '',
      )
      .split(/("(?:\\.|[^"\\])*"|'(?:\\.|[^'\\])*')/)
      .map((part, i) =>
        i % 2 === 1
          ? part
          : part
              .replace(/\s+/g, ' ')
              .replace(/ ?([{};,]) ?/g, '$1')
              .replace(/: /g, ':')
              .replace(/;}/g, '}')
              // A number's leading zero is optional: 0.75 is .75.
              .replace(/(^|[\s(,:/*+-])0\.(\d)/g, '$1.$2'),
      )
      .join('')
  );
}

/**
 * HTML text only loses repeated whitespace: one space stays, so text, attribute values and the
 * gaps between inline elements read the same.
 * @param {string} raw
 */
export function minifyHtml(raw) {
  return raw.replace(/\s+/g, ' ').replace(/( [\w-]+=)"([\w-]+)"(?=[\s>])/g, '$1$2');
}

/**
 * Rewrites the static text of every css`…` and html`…` in a TypeScript or JavaScript module;
 * null when nothing changed. A template with text inside <pre> or <textarea> is left as written.
 * @param {string} code
 * @param {string} fileName
 * @returns {string | null}
 */
export function minifyLitTemplates(code, fileName) {
  if (!/\b(?:css|html)`/.test(code)) return null;
  const source = ts.createSourceFile(fileName, code, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  /** @type {{ start: number; end: number; text: string }[]} */
  const edits = [];
  /** @param {ts.Node} node */
  const visit = (node) => {
    if (ts.isTaggedTemplateExpression(node) && ts.isIdentifier(node.tag) && (node.tag.text === 'css' || node.tag.text === 'html')) {
      const t = node.template;
      // Raw text ranges: after the opening ` or }, before the closing ` or ${.
      const pieces = ts.isNoSubstitutionTemplateLiteral(t)
        ? [[t.getStart(source) + 1, t.end - 1]]
        : [
            [t.head.getStart(source) + 1, t.head.end - 2],
            ...t.templateSpans.map((s) => [s.literal.getStart(source) + 1, s.literal.end - (ts.isTemplateTail(s.literal) ? 1 : 2)]),
          ];
      const raws = pieces.map(([a, b]) => code.slice(a, b));
      const isCss = node.tag.text === 'css';
      // Whitespace inside <pre> and <textarea> is content: leave such a template alone unless they are empty.
      if (isCss || !/<(?:pre|textarea)\b[^>]*>(?!<\/)/i.test(raws.join('${}'))) {
        pieces.forEach(([start, end], i) => {
          let text = isCss ? minifyCss(raws[i]) : minifyHtml(raws[i]);
          if (isCss && i === 0) text = text.trimStart();
          if (isCss && i === pieces.length - 1) text = text.trimEnd();
          if (text !== raws[i]) edits.push({ start, end, text });
        });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  if (edits.length === 0) return null;
  let out = code;
  for (const e of edits.sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}
