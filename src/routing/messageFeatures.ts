import type { Lexicon } from "../text/lexicon.js";
import { stemWord, type Language } from "../text/stemWord.js";

/** A word of a message with the stems it could have in either language. */
export interface MessageWord {
  readonly word: string;
  readonly stems: readonly string[];
  readonly content: boolean;
}

/** Unigram and bigram features of text known to be in one language (knowledge side). */
export function featuresOf(words: readonly string[], language: Language, lexicon: Lexicon): string[] {
  const content = words.filter((w) => !lexicon.stopwords.has(w));
  const stems = content.map((w) => stemWord(w, language));
  const features = stems.map((s) => `u:${s}`);
  for (let i = 1; i < stems.length; i++) features.push(`b:${stems[i - 1]}_${stems[i]}`);
  return features;
}

/** Words of a message of unknown language, each with its Italian and English stems. */
export function messageWords(words: readonly string[], lexicon: Lexicon): MessageWord[] {
  return words.map((word) => {
    const it = stemWord(word, "it");
    const en = stemWord(word, "en");
    return { word, stems: it === en ? [it] : [it, en], content: !lexicon.stopwords.has(word) };
  });
}

/** Features of a message: every stem reading of its content words, and of neighbouring pairs. */
export function messageFeatures(words: readonly MessageWord[]): Set<string> {
  const content = words.filter((w) => w.content);
  const features = new Set<string>();
  content.forEach((w, i) => {
    for (const s of w.stems) features.add(`u:${s}`);
    const previous = content[i - 1];
    if (previous) for (const a of previous.stems) for (const b of w.stems) features.add(`b:${a}_${b}`);
  });
  return features;
}
