// Words as the search index sees them: the same rules as crates/builder/src/search/tokens.rs
// (tests/testsuite/search_stemmer.rs checks the two agree). A word is a run of letters, digits and
// combining marks; a "." between two ASCII digits joins, so case numbers like 2025.12 stay one
// word. Words are lowercased, then NFC-normalised; overlong words are not indexed; words
// without digits are stemmed when the index has a stemmer.
import { stem } from "./stemmer.js";

const WORD = /[\p{Alphabetic}\p{N}\p{M}]+(?:(?<=[0-9])\.(?=[0-9])[\p{Alphabetic}\p{N}\p{M}]+)*/gu;
const DIGIT = /\p{N}/u;

export const normalise = (word) => word.toLowerCase().normalize("NFC");

/** Each word of `text`: its position in `text` and its normalised form. */
export function words(text, maxChars = 40) {
  const out = [];
  for (const m of text.matchAll(WORD)) {
    const word = normalise(m[0]);
    if ([...word].length <= maxChars) out.push({ start: m.index, end: m.index + m[0].length, word });
  }
  return out;
}

/** The index term of a normalised word. */
export function term(word, stemmer) {
  return stemmer === "norwegian" && !DIGIT.test(word) ? stem(word) : word;
}

/** The key of the shard of terms starting with the first `n` characters of `t`: hex UTF-8. */
export function shardKey(t, n) {
  const bytes = new TextEncoder().encode([...t].slice(0, n).join(""));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** The shard holding `t`: the longest key in `shards` that is a prefix of it (from two
 * characters on; one-character terms have their own), as crates/builder/src/search/tokens.rs. */
export function shardOf(t, shards, maxChars) {
  const len = [...t].length;
  if (len === 1) return shards.has(shardKey(t, 1)) ? shardKey(t, 1) : null;
  for (let n = Math.min(len, maxChars); n >= 2; n--) {
    const key = shardKey(t, n);
    if (shards.has(key)) return key;
  }
  return null;
}
