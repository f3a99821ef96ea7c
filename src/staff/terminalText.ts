const ESC = 0x1b;
const BEL = 0x07;
/** C1 string terminator, and the C1 forms of CSI, OSC and the other string sequences. */
const ST = 0x9c;
const C1_CSI = 0x9b;
const C1_STRINGS = new Set([0x90, 0x98, 0x9d, 0x9e, 0x9f]);
/** Bidi controls: in a terminal they reorder what staff read (U+202A–U+202E, U+2066–U+2069). */
const isBidiControl = (c: number) => (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);

/**
 * Text that a terminal shows as it is: ANSI escape sequences (colours, cursor moves, window titles,
 * hyperlinks, clipboard writes) removed whole, every other C0 and C1 control character and bidi
 * control removed, tabs turned into spaces; line breaks kept only when `keepNewlines` (the report's
 * layout), else turned into spaces. Citizens' questions are printed to staff terminals: a question
 * must not be able to rewrite the screen. One pass, linear in the length of the text.
 */
export function terminalText(text: string, keepNewlines = false): string {
  const out: string[] = [];
  let kept = 0;
  let i = 0;
  const drop = (from: number, to: number) => {
    if (from > kept) out.push(text.slice(kept, from));
    kept = to;
    i = to;
  };
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === ESC) drop(i, escapeEnd(text, i + 1));
    else if (c === C1_CSI) drop(i, csiEnd(text, i + 1));
    else if (C1_STRINGS.has(c)) drop(i, stringEnd(text, i + 1));
    else if (c === 0x0a && keepNewlines) i++;
    else if (c === 0x09 || c === 0x0a) {
      drop(i, i + 1);
      out.push(" ");
    } else if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || isBidiControl(c)) drop(i, i + 1);
    else i++;
  }
  if (kept < text.length) out.push(text.slice(kept));
  return out.join("");
}

/** The end of an escape sequence whose ESC stood just before `from`. */
function escapeEnd(text: string, from: number): number {
  const c = text.charCodeAt(from);
  if (Number.isNaN(c)) return from;
  if (c === 0x5b /* [ */) return csiEnd(text, from + 1);
  // OSC (titles, hyperlinks, clipboard), DCS, SOS, PM, APC: a string up to its terminator.
  if (c === 0x5d || c === 0x50 || c === 0x58 || c === 0x5e || c === 0x5f) return stringEnd(text, from + 1);
  let i = from;
  // "ESC ( B": intermediate bytes, then one final byte.
  while (i < text.length && text.charCodeAt(i) >= 0x20 && text.charCodeAt(i) <= 0x2f) i++;
  const final = text.charCodeAt(i);
  return final >= 0x30 && final <= 0x7e ? i + 1 : i;
}

/** Control Sequence: parameter bytes, intermediate bytes, one final byte. */
function csiEnd(text: string, from: number): number {
  let i = from;
  while (i < text.length && text.charCodeAt(i) >= 0x30 && text.charCodeAt(i) <= 0x3f) i++;
  while (i < text.length && text.charCodeAt(i) >= 0x20 && text.charCodeAt(i) <= 0x2f) i++;
  const final = text.charCodeAt(i);
  return final >= 0x40 && final <= 0x7e ? i + 1 : i;
}

/**
 * A string sequence ends with BEL, ESC \ or ST. Unterminated, it is taken to the end of the line
 * (a terminal would swallow more, but the rest of the report is ours to show).
 */
function stringEnd(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === BEL || c === ST) return i + 1;
    if (c === 0x0a) return i;
    if (c === ESC) return text.charCodeAt(i + 1) === 0x5c ? i + 2 : i;
  }
  return text.length;
}
