import { closeSync, constants, fstatSync, openSync, readSync } from "node:fs";
import { isUtf8 } from "node:buffer";
import { KnowledgeLoadError, type KnowledgeProblem } from "./knowledgeProblem.js";

/**
 * The largest knowledge file read, in bytes. The largest shipped files are about 20 KB (an entries
 * file, or one entry's corpus in one language); 1 MB holds some 11,000 example questions, fifty times
 * today's largest. Anything bigger is a mistake or an attack, and is refused before it is read.
 */
export const MAX_KNOWLEDGE_FILE_BYTES = 1024 * 1024;

const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

/**
 * Reads one knowledge file as text, refusing with a problem that names the file: a missing or
 * unreadable file, anything that is not a regular file, a file over MAX_KNOWLEDGE_FILE_BYTES (checked
 * before reading it), and text that is not UTF-8 (the line of the first bad byte). A leading BOM is dropped.
 */
export function readKnowledgeText(absolutePath: string, file: string): string {
  const bytes = readBounded(absolutePath, file);
  try {
    return strictUtf8.decode(bytes);
  } catch {
    const { line, column } = firstBadByte(bytes);
    throw new KnowledgeLoadError([{ file, line, column, field: "", code: "notUtf8", params: {} }]);
  }
}

function readBounded(absolutePath: string, file: string): Uint8Array {
  const unreadable = () => new KnowledgeLoadError([problem(file, "missingFile")]);
  let fd: number;
  try {
    // O_NONBLOCK: a FIFO named like a knowledge file must not hang the reload waiting for a writer.
    fd = openSync(absolutePath, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch {
    throw unreadable();
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) throw unreadable();
    if (stat.size > MAX_KNOWLEDGE_FILE_BYTES) throw new KnowledgeLoadError([tooLarge(file, stat.size)]);
    // Read what stat announced and no more: a file growing meanwhile changes again, and the watcher reloads.
    const bytes = new Uint8Array(stat.size);
    let filled = 0;
    while (filled < bytes.length) {
      const read = readSync(fd, bytes, filled, bytes.length - filled, filled);
      if (read === 0) break;
      filled += read;
    }
    return bytes.subarray(0, filled);
  } catch (error) {
    if (error instanceof KnowledgeLoadError) throw error;
    throw unreadable();
  } finally {
    closeSync(fd);
  }
}

const problem = (file: string, code: string, params: Record<string, string | number> = {}): KnowledgeProblem => ({
  file,
  line: 1,
  column: 1,
  field: "",
  code,
  params,
});

/**
 * The advice depends on the file: an entries file can be split in two, one entry's corpus cannot
 * (one file per entry and language), and the other files never come near the limit.
 */
function tooLarge(file: string, size: number): KnowledgeProblem {
  const params = { sizeMb: Math.round((size / (1024 * 1024)) * 10) / 10, maxMb: MAX_KNOWLEDGE_FILE_BYTES / (1024 * 1024) };
  const path = file.split(/[\\/]/);
  if (path[0] === "corpus") return problem(file, "corpusFileTooLarge", params);
  if (path.at(-2) === "entries") return problem(file, "entriesFileTooLarge", params);
  return problem(file, "fileTooLarge", params);
}

/** Line and column (counted as the YAML messages count them) of the first byte that is not UTF-8. */
function firstBadByte(bytes: Uint8Array): { line: number; column: number } {
  let line = 1;
  let start = 0;
  while (start <= bytes.length) {
    const newline = bytes.indexOf(0x0a, start);
    const end = newline === -1 ? bytes.length : newline;
    const content = bytes.subarray(start, end);
    if (!isUtf8(content)) return { line, column: badColumn(content, line === 1) };
    if (newline === -1) break;
    line++;
    start = newline + 1;
  }
  return { line: 1, column: 1 };
}

/**
 * Decodes the line leniently and walks it: every character before the first bad byte stands for
 * exactly its own UTF-8 bytes, so the first U+FFFD that is not a written-out U+FFFD is the bad byte.
 */
function badColumn(content: Uint8Array, firstLine: boolean): number {
  const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(content);
  let byte = 0;
  let column = 1;
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    const written = content[byte] === 0xef && content[byte + 1] === 0xbf && content[byte + 2] === 0xbd;
    if (code === 0xfffd && !written) break;
    byte += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
    // The BOM is dropped from the text the YAML messages count in.
    if (!(firstLine && byte === 3 && code === 0xfeff)) column += char.length;
  }
  return column;
}
