// Settings of `cem analyze`, shared by `npm run build` and the README drift test.

/**
 * The connect dialog's parts are listed once, in src/widget/connect-dialog/parts.ts (a name per
 * entry, its description in the comment above it). This plugin documents them on the dialog, and
 * on the marketplace as the `dialog__*` parts it re-exports.
 */
function dialogParts() {
  const PARTS_MODULE = 'src/widget/connect-dialog/parts.ts';
  /** @type {Record<string, { prefix: string, lead: string }>} */
  const DOCUMENT_ON = {
    'ce-connect-dialog': { prefix: '', lead: '' },
    'ce-marketplace': { prefix: 'dialog__', lead: 'Connect dialog: ' },
  };
  /** @type {{ name: string, description: string }[] | undefined} */
  let parts;
  return {
    name: 'ce-dialog-parts',
    analyzePhase({ ts, node, moduleDoc }) {
      if (moduleDoc.path !== PARTS_MODULE || !ts.isVariableDeclaration(node) || node.name.getText() !== 'DIALOG_PARTS') return;
      let list = node.initializer;
      while (list && (ts.isAsExpression(list) || ts.isParenthesizedExpression(list))) list = list.expression;
      if (!list || !ts.isArrayLiteralExpression(list)) throw new Error(`${PARTS_MODULE}: DIALOG_PARTS must be an array literal`);
      const text = node.getSourceFile().getFullText();
      parts = list.elements.map((el) => {
        const comment = (ts.getLeadingCommentRanges(text, el.pos) ?? []).at(-1);
        const description =
          comment &&
          text
            .slice(comment.pos, comment.end)
            .replace(/^\/\*\*?|\*\/$/g, '')
            .replace(/\s*\n\s*\*?\s*/g, ' ')
            .trim();
        if (!ts.isStringLiteral(el) || !description)
          throw new Error(`${PARTS_MODULE}: each part is a string with a /** description */ above it`);
        return { name: el.text, description };
      });
    },
    packageLinkPhase({ customElementsManifest }) {
      if (!parts) throw new Error(`${PARTS_MODULE}: DIALOG_PARTS was not found`);
      for (const declaration of customElementsManifest.modules.flatMap((m) => m.declarations ?? [])) {
        const where = DOCUMENT_ON[declaration.tagName];
        if (!where) continue;
        const lead = (/** @type {string} */ d) => (where.lead ? where.lead + d[0].toLowerCase() + d.slice(1) : d);
        declaration.cssParts = [
          ...(declaration.cssParts ?? []),
          ...parts.map((p) => ({ name: where.prefix + p.name, description: lead(p.description) })),
        ];
      }
    },
  };
}

export default {
  globs: ['src/widget/**/*.ts'],
  exclude: ['src/widget/**/*.styles.ts', 'src/widget/styles/**'],
  outdir: 'dist',
  litelement: true,
  // The `customElements` field is kept in package.json by hand; the analyzer must not rewrite the file.
  packagejson: false,
  plugins: [dialogParts()],
};
