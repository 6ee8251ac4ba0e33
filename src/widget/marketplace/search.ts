// Catalog search: every term must match; a term of four letters or more also matches a word one
// typo away ("zendsk" finds Zendesk, "hbspto" does not: that is two edits).

/** True when `a` becomes `b` by at most one insertion, deletion or substitution. */
export function withinOneEdit(a: string, b: string): boolean {
  // Strings whose lengths differ by two or more end with that many characters left over: false.
  let i = 0;
  let j = 0;
  let edits = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      i++;
      j++;
      continue;
    }
    if (++edits > 1) return false;
    if (a.length >= b.length) i++;
    if (a.length <= b.length) j++;
  }
  return edits + (a.length - i) + (b.length - j) <= 1;
}

/** Whether `term` is in `text`, or (four letters or more) one typo from a word of it or from the start of one. */
export function matchesTerm(term: string, text: string, words: readonly string[]): boolean {
  if (text.includes(term)) return true;
  if (term.length < 4) return false;
  // The word itself is one of its starts (its whole length): only starts within one letter of the term's length can match.
  const n = term.length;
  return words.some((w) => [n - 1, n, n + 1].some((k) => k <= w.length && withinOneEdit(term, w.slice(0, k))));
}
