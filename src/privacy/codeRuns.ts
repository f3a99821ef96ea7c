/** A run of ASCII letters and digits: the stuff of codes, numbers and plates. */
export interface CodeRun {
  readonly start: number;
  readonly end: number;
  readonly text: string;
  readonly digits: number;
  /** no letter or digit of any script touches it ("città12" is no code) */
  readonly clean: boolean;
}

const LETTER_OR_DIGIT = /[\p{L}\p{N}\p{M}]/u;

function isAsciiAlnum(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** Whether the character whose code unit is at i is a letter, digit or accent of any script. */
function touchesWord(text: string, i: number): boolean {
  if (i < 0 || i >= text.length) return false;
  const c = text.charCodeAt(i);
  // The low half of a surrogate pair: look at the whole character.
  const at = c >= 0xdc00 && c <= 0xdfff && i > 0 ? i - 1 : i;
  return LETTER_OR_DIGIT.test(String.fromCodePoint(text.codePointAt(at) ?? 0));
}

/** The runs of ASCII letters and digits of normalised text, in one pass. */
export function codeRuns(text: string): CodeRun[] {
  const runs: CodeRun[] = [];
  let i = 0;
  while (i < text.length) {
    if (!isAsciiAlnum(text.charCodeAt(i))) {
      i++;
      continue;
    }
    const start = i;
    let digits = 0;
    for (; i < text.length && isAsciiAlnum(text.charCodeAt(i)); i++) if (text.charCodeAt(i) <= 57) digits++;
    runs.push({ start, end: i, text: text.slice(start, i), digits, clean: !touchesWord(text, start - 1) && !touchesWord(text, i) });
  }
  return runs;
}
