// The Norwegian Snowball stemmer, ported from rust-stemmers (snowball/algorithms/norwegian.rs),
// which stems the index: a query word must reduce to exactly the term the builder indexed.
// Positions are in code points (the Rust code works in UTF-8 bytes, always on character
// boundaries, with ASCII suffixes: the same steps). The test tests/testsuite/search_stemmer.rs compares
// the two over every word of the example site.

// a e i o u y æ å ø
const VOWELS = new Set([..."aeiouyæåø"]);
// The letters that may stand before a deleted final -s.
const S_ENDING = new Set([..."bcdfghjlmnoprtvyz"]);
// Suffixes deleted by the main step (1), -s handled apart (2), replaced by "er" (3).
const MAIN = new Map([
  ["a", 1], ["e", 1], ["ede", 1], ["ande", 1], ["ende", 1], ["ane", 1], ["ene", 1],
  ["hetene", 1], ["erte", 3], ["en", 1], ["heten", 1], ["ar", 1], ["er", 1], ["heter", 1],
  ["s", 2], ["as", 1], ["es", 1], ["edes", 1], ["endes", 1], ["enes", 1], ["hetenes", 1],
  ["ens", 1], ["hetens", 1], ["ers", 1], ["ets", 1], ["et", 1], ["het", 1], ["ert", 3],
  ["ast", 1],
]);
const PAIRS = ["dt", "vt"];
const OTHER = ["leg", "eleg", "ig", "eig", "lig", "elig", "els", "lov", "elov", "slov", "hetslov"];
const LONGEST = 7;

/** The longest of `suffixes` that `w` (code points) ends with, starting at or after `from`. */
function longest(w, from, has) {
  for (let n = Math.min(LONGEST, w.length - from); n > 0; n--) {
    const s = w.slice(w.length - n).join("");
    if (has(s)) return s;
  }
  return null;
}

/** R1: after the first non-vowel following a vowel, but at least 3 characters in. */
function region(w) {
  if (w.length < 3) return w.length;
  let i = 0;
  while (i < w.length && !VOWELS.has(w[i])) i++;
  if (i >= w.length) return w.length;
  while (i < w.length && VOWELS.has(w[i])) i++;
  if (i >= w.length) return w.length;
  return Math.max(i + 1, 3);
}

/** The stem of a lowercase word, as rust-stemmers' Algorithm::Norwegian gives it. */
export function stem(word) {
  let w = Array.from(word);
  const p1 = region(w);
  // Main suffixes.
  const main = longest(w, p1, (s) => MAIN.has(s));
  if (main) {
    const n = Array.from(main).length;
    const action = MAIN.get(main);
    if (action === 1) {
      w = w.slice(0, w.length - n);
    } else if (action === 2) {
      const before = w[w.length - 2];
      const k = w.length >= 3 && before === "k" && !VOWELS.has(w[w.length - 3]);
      if (w.length >= 2 && (S_ENDING.has(before) || k)) w = w.slice(0, -1);
    } else {
      w = w.slice(0, w.length - n).concat(["e", "r"]);
    }
  }
  // -dt, -vt: drop the t.
  if (w.length >= p1 && longest(w, p1, (s) => PAIRS.includes(s))) w = w.slice(0, -1);
  // Other suffixes.
  if (w.length >= p1) {
    const other = longest(w, p1, (s) => OTHER.includes(s));
    if (other) w = w.slice(0, w.length - Array.from(other).length);
  }
  return w.join("");
}
