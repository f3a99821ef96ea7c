import type { PersonalDataKind } from "./placeholders.js";
import { PLACEHOLDERS } from "./placeholders.js";

/** A stretch of the text to replace. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

/** A stretch of personal data of one kind. */
export interface FoundSpan extends Span {
  readonly kind: PersonalDataKind;
}

/**
 * Keeps, of spans that overlap, the one found by the more reliable finder (earlier in `priority`),
 * then the longer one. An e-mail address is never half a name, nor a card number half a phone.
 */
export function resolveOverlaps(spans: readonly FoundSpan[], priority: readonly PersonalDataKind[], textLength: number): FoundSpan[] {
  const rank = (s: FoundSpan) => priority.indexOf(s.kind);
  const ordered = [...spans].sort((a, b) => rank(a) - rank(b) || b.end - b.start - (a.end - a.start) || a.start - b.start);
  // Each finder's spans are short and hardly overlap one another, so marking the characters taken
  // costs about the length of the text per finder, however many spans a hostile message makes.
  const taken = new Uint8Array(textLength);
  const kept: FoundSpan[] = [];
  for (const span of ordered) {
    let free = true;
    for (let i = span.start; i < span.end && free; i++) free = taken[i] === 0;
    if (!free) continue;
    taken.fill(1, span.start, span.end);
    kept.push(span);
  }
  return kept.sort((a, b) => a.start - b.start);
}

/** Replaces spans (in any order, overlapping ones merged) with their kind's placeholder. */
export function replaceSpans(text: string, spans: readonly FoundSpan[]): string {
  const merged: Array<{ start: number; end: number; kind: PersonalDataKind }> = [];
  for (const span of [...spans].sort((a, b) => a.start - b.start || b.end - a.end)) {
    const last = merged[merged.length - 1];
    if (last && span.start < last.end) last.end = Math.max(last.end, span.end);
    else merged.push({ ...span });
  }
  const parts: string[] = [];
  let cursor = 0;
  for (const span of merged) {
    parts.push(text.slice(cursor, span.start), PLACEHOLDERS[span.kind]);
    cursor = span.end;
  }
  parts.push(text.slice(cursor));
  return parts.join("");
}
