/**
 * What the scan meets, in order of precedence at each position: markdown that must stay as it is
 * (a backslash escape, a code span, an autolink, an inline link), then a web address, then an e-mail
 * address. A web address ends before white space, brackets, quotes and backslashes, and never on
 * the punctuation that closes a sentence.
 */
const SCAN = new RegExp(
  [
    String.raw`(?<kept>\\[!-/:-@[-\x60{-~]|(\x60+)[^\x60]*?\2|<[A-Za-z][A-Za-z0-9+.-]{1,31}:[^<>\s]*>|<[^<>\s@]+@[^<>\s]+>|\[[^\]\n]*\]\([^)\s]*\))`,
    String.raw`(?<url>https?:\/\/[^\s<>()[\]\\"'«»]*[^\s<>()[\]\\"'«».,;:!?])`,
    String.raw`(?<email>(?<![\w.%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}(?![\w-]))`,
  ].join("|"),
  "g",
);

/**
 * Markdown in which every bare web and e-mail address has become a link (an autolink, `<https://…>`
 * or `<urp@…>`, which shows the address itself), so that any markdown renderer makes it clickable.
 * Addresses already in a link, in code, or in escaped text (the citizen's own words, see
 * escapeMarkdown) are left alone.
 */
export function linkAddresses(markdown: string): string {
  // Only a code span can run over a line break; without one, each paragraph is scanned alone, and only
  // if it holds something to link: a web address starts with "http", an e-mail address has an "@".
  if (markdown.includes("`")) return linkIn(markdown);
  return markdown
    .split(PARAGRAPH_BREAK)
    .map((paragraph) => (paragraph.includes("@") || paragraph.includes("http") ? linkIn(paragraph) : paragraph))
    .join(PARAGRAPH_BREAK);
}

const PARAGRAPH_BREAK = "\n\n";

/** linkAddresses in one scan of the whole text, whatever it holds (exported for the test that holds the shortcut to it). */
export function linkIn(markdown: string): string {
  return markdown.replace(SCAN, (match: string, ...args: unknown[]) => {
    const groups = args.at(-1) as { kept?: string; url?: string; email?: string };
    return groups.kept !== undefined ? match : `<${match}>`;
  });
}
