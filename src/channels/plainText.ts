/**
 * Markdown emphasis with "_" only counts at word edges, so that names such as
 * instagram.com/informagiovani_cento or an e-mail address keep their underscores.
 */
const UNDERSCORE_EMPHASIS = /(^|[\s(«"'])_{1,2}(?=\S)([^_\n]*?\S)_{1,2}(?=$|[\s.,;:!?)»"'])/gm;
const STAR_EMPHASIS = /\*{1,2}(?=\S)([^*\n]*?\S)\*{1,2}/g;
const LINK = /\[([^\]\n]+)\]\(([^)\s]+)\)/g;
const HEADING = /^[ \t]*#{1,6}[ \t]+/gm;
const STAR_BULLET = /^([ \t]*)\*[ \t]+/gm;

/**
 * The text as a channel without markdown should show it: links become "text: url", headings,
 * emphasis and code marks are dropped, "*" bullets become "•". Text without markdown is unchanged.
 */
export function plainText(text: string): string {
  return text
    .replace(LINK, (_match, label: string, url: string) => (label === url ? url : `${label}: ${url}`))
    .replace(HEADING, "")
    .replace(STAR_BULLET, "$1• ")
    .replace(STAR_EMPHASIS, "$1")
    .replace(UNDERSCORE_EMPHASIS, "$1$2")
    .replace(/\*\*/g, "")
    .replace(/`+/g, "");
}

/** True when the text still holds something a markdown-less channel would show as raw symbols. */
export function hasMarkdown(text: string): boolean {
  return (
    /\*\*|`|\[[^\]\n]+\]\([^)\s]+\)/.test(text) ||
    /^[ \t]*(#{1,6}|\*)[ \t]/m.test(text) ||
    new RegExp(STAR_EMPHASIS.source).test(text) ||
    new RegExp(UNDERSCORE_EMPHASIS.source, "m").test(text)
  );
}
