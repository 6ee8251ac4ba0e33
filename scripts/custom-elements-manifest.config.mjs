// Settings of `cem analyze`, shared by `npm run build` and the README drift test.
export default {
  globs: ['src/widget/**/*.ts'],
  exclude: ['src/widget/**/*.styles.ts', 'src/widget/styles/**'],
  outdir: 'dist',
  litelement: true,
  // The `customElements` field is kept in package.json by hand; the analyzer must not rewrite the file.
  packagejson: false,
};
