/**
 * Markdown emphasis with "_" only counts at word edges, so that names such as
 * instagram.com/informagiovani_cento or an e-mail address keep their underscores.
 */
const UNDERSCORE_EMPHASIS = /(^|[\s(«"'])_{1,2}(?=\S)([^_\n]*?\S)_{1,2}(?=$|[\s.,;:!?)»"'])/gm;
const STAR_EMPHASIS = /\*{1,2}(?=\S)([^*\n]*?\S)\*{1,2}/g;
const LINK = /\[([^\]\n]+)\]\(([^)\s]+)\)/g;
const AUTOLINK = /<((?:[A-Za-z][A-Za-z0-9+.-]{1,31}:[^<>\s]*)|(?:[^<>\s@]+@[^<>\s]+))>/g;
const HEADING = /^[ \t]*#{1,6}[ \t]+/gm;
const STAR_BULLET = /^([ \t]*)\*[ \t]+/gm;
/** A backslash escape (CommonMark: any ASCII punctuation), as escapeMarkdown writes them. */
const ESCAPED = /\\([!-/:-@[-`{-~])/g;
/** Escaped characters wait here, in the Private Use Area, while the markup around them is removed. */
const SHELTER = 0xe000;
const SHELTERED = /[\ue000-\ue07f]/g;

/**
 * The text as a channel without markdown should show it: links become "text: url" (or the address
 * alone when it is the text, e-mail links included), autolinks their address, headings, emphasis and
 * code marks are dropped, "*" bullets become "•", and escaped characters (the citizen's own words)
 * come back exactly as written. Text without markdown is unchanged.
 */
export function plainText(text: string): string {
  return text
    .replace(ESCAPED, (_match, character: string) => String.fromCharCode(SHELTER + character.charCodeAt(0)))
    .replace(LINK, (_match, label: string, url: string) => (label === url || `mailto:${label}` === url ? label : `${label}: ${url}`))
    .replace(AUTOLINK, "$1")
    .replace(HEADING, "")
    .replace(STAR_BULLET, "$1• ")
    .replace(STAR_EMPHASIS, "$1")
    .replace(UNDERSCORE_EMPHASIS, "$1$2")
    .replace(/\*\*/g, "")
    .replace(/`+/g, "")
    .replace(SHELTERED, (character) => String.fromCharCode(character.charCodeAt(0) - SHELTER));
}

/** True when the text still holds something a markdown-less channel would show as raw symbols. */
export function hasMarkdown(text: string): boolean {
  return (
    /\*\*|`|\[[^\]\n]+\]\([^)\s]+\)/.test(text) ||
    new RegExp(AUTOLINK.source).test(text) ||
    new RegExp(ESCAPED.source).test(text) ||
    /^[ \t]*(#{1,6}|\*)[ \t]/m.test(text) ||
    new RegExp(STAR_EMPHASIS.source).test(text) ||
    new RegExp(UNDERSCORE_EMPHASIS.source, "m").test(text)
  );
}
