// One typo forgiven: the rule of crates/builder/src/search/typos.rs (tests/testsuite/search_stemmer.rs
// checks the two agree). A query word the site does not have, of MIN_TYPO_CHARS letters or
// more, is compared with the terms of the shards that share its first two characters.

export const MIN_TYPO_CHARS = 5;

/** Whether `a` becomes `b` by one edit: a letter left out, added, replaced, or two
 * neighbours swapped. Equal words are not a typo. */
export function oneEdit(a, b) {
  const x = [...a];
  const y = [...b];
  if (a === b || Math.abs(x.length - y.length) > 1) return false;
  let i = 0;
  while (i < x.length && i < y.length && x[i] === y[i]) i++;
  const rest = (v, from) => v.slice(from).join("");
  if (x.length < y.length) return rest(x, i) === rest(y, i + 1);
  if (x.length > y.length) return rest(x, i + 1) === rest(y, i);
  return rest(x, i + 1) === rest(y, i + 1)
    || (x.length - i >= 2 && x[i] === y[i + 1] && x[i + 1] === y[i] && rest(x, i + 2) === rest(y, i + 2));
}
