import { groupSimilarQuestions, type GroupingOptions, type QuestionGroup } from "./groupSimilarQuestions.js";
import type { Interactions } from "./readInteractions.js";

/** What staff should look at: what is asked, what does not help, what the bot does not know. */
export interface InteractionReport {
  readonly since: Date;
  readonly until: Date;
  readonly comune: string | undefined;
  readonly totals: { readonly answered: number; readonly missed: number; readonly feedback: number; readonly skippedLines: number };
  /** answered questions by entry, most asked first */
  readonly mostAsked: ReadonlyArray<{ readonly entry: string; readonly topic: string; readonly count: number; readonly share: number }>;
  /** answered questions by topic */
  readonly byTopic: ReadonlyArray<{ readonly topic: string; readonly count: number }>;
  /** entries with at least one "did not help", the worst ratio first */
  readonly unhelpful: ReadonlyArray<{ readonly entry: string; readonly topic: string; readonly helpful: number; readonly unhelpful: number; readonly ratio: number }>;
  /** missed questions grouped by similarity, most frequent first */
  readonly missedGroups: ReadonlyArray<QuestionGroup & { readonly fallback: number; readonly clarify: number }>;
}

export interface ReportOptions extends GroupingOptions {
  readonly since: Date;
  readonly until: Date;
  readonly comune?: string;
  /** rows per table */
  readonly limit?: number;
}

/** Builds the report from the interactions of a period. Pure: same records, same report. */
export function buildReport(interactions: Interactions, options: ReportOptions): InteractionReport {
  const limit = options.limit ?? 20;
  const answered = interactions.questions.length;

  const byEntry = countBy(interactions.questions, (q) => `${q.entry}\u0000${q.topic}`);
  const mostAsked = [...byEntry]
    .map(([key, count]) => {
      const [entry = "", topic = ""] = key.split("\u0000");
      return { entry, topic, count, share: answered === 0 ? 0 : count / answered };
    })
    .sort((a, b) => b.count - a.count || a.entry.localeCompare(b.entry))
    .slice(0, limit);
  const byTopic = [...countBy(interactions.questions, (q) => q.topic)]
    .map(([topic, count]) => ({ topic, count }))
    .sort((a, b) => b.count - a.count || a.topic.localeCompare(b.topic));

  const votes = new Map<string, { entry: string; topic: string; helpful: number; unhelpful: number }>();
  for (const f of interactions.feedback) {
    const key = `${f.entry}\u0000${f.topic}`;
    const row = votes.get(key) ?? { entry: f.entry, topic: f.topic, helpful: 0, unhelpful: 0 };
    if (f.helpful) row.helpful++;
    else row.unhelpful++;
    votes.set(key, row);
  }
  const unhelpful = [...votes.values()]
    .filter((v) => v.unhelpful > 0)
    .map((v) => ({ ...v, ratio: v.unhelpful / (v.helpful + v.unhelpful) }))
    .sort((a, b) => b.ratio - a.ratio || b.unhelpful - a.unhelpful || a.entry.localeCompare(b.entry))
    .slice(0, limit);

  const topicOf = new Map<string, { fallback: number; clarify: number }>();
  for (const m of interactions.missed) {
    const row = topicOf.get(m.text) ?? { fallback: 0, clarify: 0 };
    row[m.topic]++;
    topicOf.set(m.text, row);
  }
  const missedGroups = groupSimilarQuestions(
    interactions.missed.map((m) => m.text),
    options,
  )
    .slice(0, limit)
    .map((group) => {
      const split = { fallback: 0, clarify: 0 };
      for (const text of [group.text, ...group.variants]) {
        const row = topicOf.get(text);
        split.fallback += row?.fallback ?? 0;
        split.clarify += row?.clarify ?? 0;
      }
      return { ...group, ...split };
    });

  return {
    since: options.since,
    until: options.until,
    comune: options.comune,
    totals: { answered, missed: interactions.missed.length, feedback: interactions.feedback.length, skippedLines: interactions.skippedLines },
    mostAsked,
    byTopic,
    unhelpful,
    missedGroups,
  };
}

function countBy<T>(items: readonly T[], key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}
