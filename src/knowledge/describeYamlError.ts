import { isCollection, isScalar, visit, type Document, type ErrorCode } from "yaml";

/** A YAML syntax error as staff can act on it: which mistake, and where they made it. */
export interface YamlMistake {
  /** key of the message in locales/{it,en}/knowledge.json */
  readonly code: string;
  /** offset in the text of the place to fix, which is often not where the parser gave up */
  readonly offset: number;
  readonly params: Readonly<Record<string, string>>;
}

/** What the parser says went wrong and where: its error code and the offsets it points at. */
export interface YamlErrorAt {
  readonly code: ErrorCode;
  readonly pos: readonly [number, number];
}

const CLOSING: Readonly<Record<string, string>> = { "[": "]", "{": "}" };

/**
 * Turns the parser's first error into one of a few mistakes staff make (an unclosed quote or bracket,
 * a wrong indentation, a key without its colon, a colon inside a text, a duplicate key, a tab), placed
 * where the mistake is: the opening quote, the bracket, the badly indented line. Later errors are
 * usually consequences of the first, so only the first is described.
 */
export function describeYamlError(doc: Document, text: string, errors: readonly YamlErrorAt[]): YamlMistake {
  const first = errors[0];
  if (!first) return { code: "yamlSyntax", offset: 0, params: {} };
  const at = first.pos[0];
  const mistake = (code: string, offset = at, params: Record<string, string> = {}): YamlMistake => ({ code, offset, params });

  switch (first.code) {
    case "TAB_AS_INDENT":
      return mistake("yamlTab", tabNear(text, at));
    case "DUPLICATE_KEY":
      return mistake("yamlDuplicateKey", at, { key: scalarAt(doc, at) ?? "" });
    case "BAD_SCALAR_START":
      return mistake("yamlReservedStart", at, { char: text.charAt(at) });
    case "MULTIPLE_DOCS":
      return mistake("yamlMultipleDocuments");
    case "TAG_RESOLVE_FAILED":
      return mistake("yamlReservedStart", at, { char: "!" });
  }

  const opening = unclosedAt(doc, text, at);
  if (opening) return opening;
  if (isBlank(text, at)) return mistake("yamlIndentation", firstVisible(text, at));

  switch (first.code) {
    case "UNEXPECTED_TOKEN": {
      const before = text.slice(lineStart(text, at), at);
      // `answer: "Ciao" a tutti`: the quotes close before the text does.
      if (/["']\s*$/.test(before)) return mistake("yamlTextAfterQuote");
      // `answer: *importante* leggere`: the first word was read as an alias or an anchor.
      const word = /(?:^|\s)([*&!]\S*)\s+$/.exec(before)?.[1];
      if (word) return mistake("yamlReservedStart", lineStart(text, at) + before.lastIndexOf(word), { char: word.charAt(0) });
      return mistake("yamlSyntax");
    }
    case "BAD_INDENT":
      return mistake("yamlIndentation", firstVisible(text, at));
    case "BLOCK_AS_IMPLICIT_KEY":
    case "MULTILINE_IMPLICIT_KEY":
    case "MISSING_CHAR": {
      const multiline = errors.find((e) => e.code === "MULTILINE_IMPLICIT_KEY" && e.pos[0] === at);
      const spansLines = multiline !== undefined && text.slice(multiline.pos[0], multiline.pos[1]).includes("\n");
      const before = text.slice(lineStart(text, at), at).trim();
      // `id: prova` then a line indented one space too far: the parser reads "prova topic" as a key.
      if (spansLines && before.endsWith(":")) return mistake("yamlIndentation", firstVisible(text, text.indexOf("\n", at) + 1));
      // `answer: it: ciao` on one line: the second colon starts a map inside a text.
      if (first.code === "BLOCK_AS_IMPLICIT_KEY" && !spansLines) return mistake("yamlColonInValue");
      return mistake("yamlKeyWithoutValue");
    }
    default:
      return mistake("yamlSyntax");
  }
}

/**
 * A quote or bracket opened and never closed: the parser stops where the quoted text or the list
 * would have to end, which is the end of the file or of the block; staff need to see where it opens.
 */
function unclosedAt(doc: Document, text: string, at: number): YamlMistake | undefined {
  let found: YamlMistake | undefined;
  visit(doc, (_key, node) => {
    if (isScalar(node) && node.range && (node.type === "QUOTE_DOUBLE" || node.type === "QUOTE_SINGLE")) {
      const [start, end] = node.range;
      const quote = text.charAt(start);
      if (end === at && !closesQuote(text.slice(start, end), quote)) {
        found = { code: "yamlUnclosedQuote", offset: start, params: { quote } };
        return visit.BREAK;
      }
    }
    if (isCollection(node) && node.flow && node.range) {
      const [start, end] = node.range;
      const open = text.charAt(start);
      const close = CLOSING[open];
      if (close && end === at && text.slice(start, end).trimEnd().at(-1) !== close) {
        found = { code: "yamlUnclosedBracket", offset: start, params: { open, close } };
        return visit.BREAK;
      }
    }
    return undefined;
  });
  return found;
}

/** Whether a quoted scalar's source ends with its closing quote (not an escaped one). */
function closesQuote(source: string, quote: string): boolean {
  if (source.length < 2 || !source.endsWith(quote)) return false;
  // Inside single quotes a quote is written twice: an odd run of quotes at the end closes.
  if (quote === "'") return (source.slice(1).match(/'+$/)?.[0].length ?? 0) % 2 === 1;
  return (source.slice(1, -1).match(/\\*$/)?.[0].length ?? 0) % 2 === 0;
}

function scalarAt(doc: Document, offset: number): string | undefined {
  let value: string | undefined;
  visit(doc, (_key, node) => {
    if (isScalar(node) && node.range?.[0] === offset) {
      value = String(node.value);
      return visit.BREAK;
    }
    return undefined;
  });
  return value;
}

/** The tab the parser complains about: at the offset, or the first one in the indentation of its line. */
function tabNear(text: string, at: number): number {
  if (text.charAt(at) === "\t") return at;
  const tab = text.indexOf("\t", lineStart(text, at));
  return tab !== -1 && tab < firstVisible(text, at) ? tab : at;
}

const lineStart = (text: string, offset: number) => text.lastIndexOf("\n", offset - 1) + 1;

function isBlank(text: string, offset: number): boolean {
  const char = text.charAt(offset);
  return char === " " || char === "\t" || (offset === lineStart(text, offset) && (char === "\n" || char === "\r"));
}

/** The first visible character of the line that contains the offset. */
function firstVisible(text: string, offset: number): number {
  const start = lineStart(text, offset);
  const indent = /^[ \t]*/.exec(text.slice(start))?.[0].length ?? 0;
  return start + indent;
}
