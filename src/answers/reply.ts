import type { Topic } from "../knowledge/topics.js";

/** A button a person can press: call a number, write an e-mail, open a page. */
export interface ReplyButton {
  readonly kind: "call" | "email" | "url";
  readonly title: string;
  /** "+39800375515", "urp@comune.cento.fe.it" or "https://…" */
  readonly value: string;
}

/** Suggested replies; the channel renderer decides which set wins when several are offered. */
export interface SuggestionSet {
  readonly purpose: "clarify" | "feedback" | "menu";
  readonly items: ReadonlyArray<{ readonly title: string; readonly text: string }>;
}

/** What the bot says in one turn, independent of the channel that will show it. */
export interface Reply {
  /**
   * Markdown: the knowledge's and the interface's own text as written, with words taken from the
   * citizen's message escaped (escapeMarkdown). Each channel renderer makes of it what it can show.
   */
  readonly text: string;
  readonly buttons: readonly ReplyButton[];
  readonly suggestions: readonly SuggestionSet[];
}

/** What answered a turn, for logs, the ask command and follow-ups. */
export interface TurnOutcome {
  readonly topic: Topic;
  readonly entry: string | null;
  readonly score: number;
}
