import { foldText, splitWords } from "../text/foldText.js";
import { stemWord } from "../text/stemWord.js";

/** Missed questions that say nearly the same thing, most frequent first. */
export interface QuestionGroup {
  /** the most frequent text of the group */
  readonly text: string;
  readonly count: number;
  /** other texts of the group, most frequent first */
  readonly variants: readonly string[];
}

export interface GroupingOptions {
  /** folded words that say nothing about the subject (the lexicon's stop words) */
  readonly stopwords?: ReadonlySet<string>;
  /** token-set Jaccard similarity from which two texts are one question (default 0.5) */
  readonly threshold?: number;
}

/**
 * Groups texts by the similarity of their word sets (folded, stemmed, without stop words and
 * placeholders such as "[nome]"). Greedy and deterministic: texts are taken most frequent first,
 * and each joins the first group whose leading text is similar enough.
 */
export function groupSimilarQuestions(texts: readonly string[], options: GroupingOptions = {}): QuestionGroup[] {
  const threshold = options.threshold ?? 0.5;
  const stopwords = options.stopwords ?? new Set<string>();
  const counts = new Map<string, number>();
  for (const text of texts) counts.set(text, (counts.get(text) ?? 0) + 1);
  const distinct = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));

  const groups: Array<{ tokens: Set<string>; key: string; members: Array<[string, number]> }> = [];
  for (const [text, count] of distinct) {
    const tokens = tokensOf(text, stopwords);
    const key = foldText(text);
    const group = groups.find((g) => (tokens.size === 0 || g.tokens.size === 0 ? g.key === key : jaccard(g.tokens, tokens) >= threshold));
    if (group) group.members.push([text, count]);
    else groups.push({ tokens, key, members: [[text, count]] });
  }
  return groups
    .map((g) => ({
      text: g.members[0]![0],
      count: g.members.reduce((sum, [, n]) => sum + n, 0),
      variants: g.members.slice(1).map(([t]) => t),
    }))
    .sort((a, b) => b.count - a.count || a.text.localeCompare(b.text));
}

function tokensOf(text: string, stopwords: ReadonlySet<string>): Set<string> {
  const words = splitWords(foldText(text.replace(/\[[^\]]*\]/g, " ")));
  return new Set(words.filter((w) => !stopwords.has(w)).map((w) => stemWord(w, "it")));
}

function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  let shared = 0;
  for (const token of a) if (b.has(token)) shared++;
  return shared / (a.size + b.size - shared);
}
