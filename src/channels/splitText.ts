/** Where a sentence ends: after . ! ? … (and a closing quote or bracket), before white space. */
const SENTENCE_END = /(?<=[.!?…][»"')\]]?)\s+/;

/**
 * Splits a text into pieces of at most `max` characters, in order, cutting between paragraphs
 * when it can, else between sentences, else between words; a single word longer than `max` (a
 * very long link) is the only thing ever cut in the middle. Pieces are trimmed and never empty.
 */
export function splitText(text: string, max: number): string[] {
  const trimmed = text.trim();
  if (trimmed.length <= max) return trimmed ? [trimmed] : [];
  const paragraphs = trimmed.split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean);
  return pack(paragraphs, "\n\n", max, (paragraph) => {
    const sentences = paragraph.split(SENTENCE_END).filter(Boolean);
    return pack(sentences, " ", max, (sentence) => {
      const words = sentence.split(/\s+/).filter(Boolean);
      return pack(words, " ", max, (word) => cutHard(word, max));
    });
  });
}

/**
 * Joins consecutive parts with `separator` while they fit in `max`; a part that is too long on
 * its own is broken by `breakUp` first.
 */
function pack(parts: readonly string[], separator: string, max: number, breakUp: (part: string) => string[]): string[] {
  const pieces: string[] = [];
  let current = "";
  for (const part of parts) {
    for (const small of part.length > max ? breakUp(part) : [part]) {
      const joined = current ? `${current}${separator}${small}` : small;
      if (joined.length <= max) {
        current = joined;
      } else {
        pieces.push(current);
        current = small;
      }
    }
  }
  if (current) pieces.push(current);
  return pieces;
}

function cutHard(word: string, max: number): string[] {
  const pieces: string[] = [];
  for (let at = 0; at < word.length; at += max) pieces.push(word.slice(at, at + max));
  return pieces;
}
