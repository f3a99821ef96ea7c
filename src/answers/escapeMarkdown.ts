/** Every ASCII punctuation character: CommonMark lets each be escaped with a backslash. */
const PUNCTUATION = /[!-/:-@[-`{-~]/g;

/**
 * Words a citizen wrote, made safe to put in a reply's markdown: every punctuation character is
 * escaped, so nothing in them becomes a link, emphasis, a list, an image or HTML, and no address in
 * them is linked (linkifiers see "evil\.com", not "evil.com"). They still read exactly as written.
 */
export function escapeMarkdown(text: string): string {
  return text.replace(PUNCTUATION, "\\$&");
}
