import type { EmergencyConceptsSource, Entry } from "../knowledge/schema.js";
import { SAFETY_TOPICS, TOPICS, isSafetyTopic, type Topic } from "../knowledge/topics.js";
import { foldText } from "../text/foldText.js";
import { normalizeWords, type Lexicon } from "../text/lexicon.js";
import { LANGUAGES } from "../text/stemWord.js";
import { MessageWordReader, type MessageWord } from "./messageFeatures.js";
import { EmergencyConcepts, type EmergencyReading } from "./emergencyConcepts.js";
import { SafetySignals } from "./safetySignals.js";
import { Signal } from "./signalMatcher.js";
import { StemMatcher, StemMatcherBuilder } from "./stemMatcher.js";
import { TopicModel } from "./topicModel.js";
import { TypoCorrector } from "./typoCorrector.js";

/** How much one occurrence of a feature counts, by the field it comes from. */
export const FIELD_WEIGHTS = Object.freeze({ keyword: 3, keywordPair: 4, example: 1, examplePair: 1 });

/**
 * How much one signal counts, by topic. A formal notice often comes with an attachment ("opposizione
 * al verbale, vi allego il pdf"): the notice is what the citizen needs answered.
 */
const SIGNAL_WEIGHTS: Partial<Record<Topic, number>> = Object.freeze({ "redirect.notice": 2 });

/** How many words after a hypothetical marker it covers. */
const HYPOTHETICAL_REACH = 6;

/** Tuning of the decision; frozen defaults, overridable for experiments and tests. */
export interface RouterOptions {
  /** below this combined score (model probability plus squashed matcher score) the message is not understood */
  readonly minScore: number;
  /** second-best within this ratio of the best, on another topic: ask which one was meant */
  readonly clarifyRatio: number;
  /** a clarification only when the best is not already clearly strong */
  readonly clarifyBelow: number;
  /** how much the learned model's probability counts against the matcher's squashed score */
  readonly modelWeight: number;
  /** a safety topic the model is this sure of wins, as a signal would */
  readonly modelSafetyAbove: number;
  /** the model's emergency probability above which an ordinary reply opens with one 112 line */
  readonly netAbove: number;
  /**
   * The model alone sends to 112 only above this probability: below it, without a concept or a
   * signal, the next topic answers and the safety net opens the reply with 112.
   */
  readonly emergencyModelAbove: number;
  /**
   * A safety signal is set aside when the model, having read the whole message, gives its topic less
   * than this; an emergency signal set aside still opens the reply with 112.
   */
  readonly vetoBelow: number;
  /**
   * Topics whose signals of several words are never set aside. A crime phrase tells an event ("mi
   * hanno rubato") that no other topic's message tells, even at the end of a report; application and
   * notice phrases name the sending of a document ("vi allego", "con la presente"), which every formal
   * message shares.
   */
  readonly phrasesAlwaysWin: readonly Topic[];
  /**
   * When the emergency concepts are decisive only through a person in a state of danger, a crime,
   * application or notice the model is this sure of answers instead; the reading counts as a weak
   * sign (see weakSignFloor).
   */
  readonly conceptGivesWayAbove: number;
  /**
   * A decisive reading that is not a threat to oneself counts only as a weak sign (see
   * weakSignFloor) when the model, having read the whole message, gives an emergency less than this:
   * a fire named in a question about a photo, a wall "crollato" in a claim for damages.
   */
  readonly conceptVetoBelow: number;
  /**
   * A weak sign opens the reply with the 112 line only when the model gives an emergency at least
   * this, or a sign of now stands beside it (EmergencyReading.now): below it the model is all but
   * certain the danger words were about something else (a claim for a tree that fell, the video of
   * last year's fire), and a 112 line there teaches citizens to skip it.
   */
  readonly weakSignFloor: number;
  /**
   * A crime answer opens with the 112 line from this emergency probability of the model, instead of
   * netAbove: a crime told in the present ("he's outside my door now") may be happening.
   */
  readonly crimeNetAbove: number;
  /**
   * A message told in the present (EmergencyReading.present) whose likeliest topic for the model is
   * an emergency goes to 112 from this probability, before any signal of another topic.
   */
  readonly presentModelAbove: number;
}

export const DEFAULT_ROUTER_OPTIONS: RouterOptions = Object.freeze({
  minScore: 0.52,
  clarifyRatio: 0.95,
  clarifyBelow: 0.7,
  modelWeight: 1.2,
  modelSafetyAbove: 0.45,
  netAbove: 0.3,
  emergencyModelAbove: 0.6,
  vetoBelow: 0.2,
  phrasesAlwaysWin: Object.freeze(["redirect.crime"] as const),
  conceptGivesWayAbove: 0.8,
  conceptVetoBelow: 0.08,
  weakSignFloor: 0.02,
  crimeNetAbove: 0.05,
  presentModelAbove: 0.3,
});

/** What routing knows besides the entries and the lexicon. */
export interface RouterKnowledge {
  /** the emergency layer's concepts (knowledge/emergency.yaml); without them only signals find emergencies */
  readonly emergency?: EmergencyConceptsSource;
}

/** Only the start of a very long message is ranked; safety reads all of it. */
export const MAX_RANKED_WORDS = 400;

export interface Candidate {
  readonly entry: Entry;
  readonly score: number;
}

export type RouteResult =
  | {
      readonly kind: "answer";
      readonly entry: Entry;
      readonly topic: Topic;
      readonly confidence: number;
      readonly reason: "label" | "signal" | "concept" | "model" | "match";
      /** danger was seen but not decisively: the reply opens with one 112 line */
      readonly safetyNet?: boolean;
    }
  | { readonly kind: "clarify"; readonly candidates: readonly [Entry, Entry]; readonly topic: Topic; readonly confidence: number }
  | { readonly kind: "fallback"; readonly topic: "fallback"; readonly confidence: number; readonly safetyNet?: boolean };

/** The message as routing saw it, for language detection and the handlers that read facts from it. */
export interface RoutedMessage {
  readonly words: readonly string[];
  readonly result: RouteResult;
}

/**
 * Decides which knowledge entry answers a message. Safety topics win whenever one of their
 * signals is present; otherwise entries are ranked by the idf-weighted stems and stem pairs they
 * share with the message (keywords weigh more than examples), with typos corrected first.
 */
export class Router {
  /** the idf-weighted stem index the entries are ranked with */
  private readonly matcher: StemMatcher;
  /** the safety entries' signals, found in the whole message */
  private readonly signals = new SafetySignals();
  /** hypothetical markers by their first word */
  private readonly hypothetical = new Map<string, string[][]>();
  private readonly labels = new Map<string, number>();
  /** the most words a menu label or an entry id has: a longer message is no label */
  private readonly longestLabel: number;
  /** stems of the emergency concepts' words, known besides the matcher's */
  private readonly conceptStems = new Set<string>();
  private readonly reader: MessageWordReader;
  private readonly typos: TypoCorrector;
  private readonly concepts: EmergencyConcepts | undefined;
  private readonly model: TopicModel;
  /** the first entry of each topic: the one a topic decided by the model or the concepts answers with */
  private readonly firstOfTopic = new Map<Topic, Entry>();

  constructor(
    private readonly entries: readonly Entry[],
    private readonly lexicon: Lexicon,
    extras: RouterKnowledge = {},
    private readonly options: RouterOptions = DEFAULT_ROUTER_OPTIONS,
  ) {
    this.concepts = extras.emergency && new EmergencyConcepts(extras.emergency, lexicon);
    this.model = TopicModel.forEntries(entries, lexicon);
    this.reader = new MessageWordReader(lexicon);
    for (const entry of entries) if (!this.firstOfTopic.has(entry.topic)) this.firstOfTopic.set(entry.topic, entry);
    const matcher = new StemMatcherBuilder(lexicon);
    const vocabulary: string[] = [];
    entries.forEach((entry, index) => {
      const compiled: Signal[] = [];
      for (const language of LANGUAGES) {
        for (const keyword of entry.keywords[language]) {
          const words = normalizeWords(keyword, lexicon);
          vocabulary.push(...words);
          matcher.add(index, words, language, FIELD_WEIGHTS.keyword, FIELD_WEIGHTS.keywordPair);
        }
        for (const example of entry.examples[language]) {
          const words = normalizeWords(example, lexicon);
          vocabulary.push(...words);
          matcher.add(index, words, language, FIELD_WEIGHTS.example, FIELD_WEIGHTS.examplePair);
        }
        for (const text of entry.signals?.[language] ?? []) {
          const signal = Signal.compile(text, language, lexicon);
          if (signal) compiled.push(signal);
        }
        if (entry.menu) this.labels.set(foldText(entry.menu[language]), index);
      }
      if (isSafetyTopic(entry.topic)) {
        for (const signal of compiled) this.signals.add(index, signal, entry.topic === "redirect.emergency");
      }
      this.labels.set(foldText(entry.id.replace(/-/g, " ")), index);
    });
    this.matcher = matcher.build(Int32Array.from(entries, (e) => TOPICS.indexOf(e.topic)), TOPICS.length);
    this.longestLabel = [...this.labels.keys()].reduce((most, label) => Math.max(most, label.split(" ").length), 0);
    for (const phrase of lexicon.hypothetical.map((p) => p.split(" "))) {
      const list = this.hypothetical.get(phrase[0]!);
      if (list) list.push(phrase);
      else this.hypothetical.set(phrase[0]!, [phrase]);
    }
    // The emergency concepts' words are known words: never "corrected" into something else, and a
    // typo in one of them ("incendo") is corrected towards it.
    for (const word of this.concepts?.words() ?? []) {
      vocabulary.push(word);
      for (const stem of this.reader.word(word).stems) this.conceptStems.add(stem);
    }
    this.typos = new TypoCorrector(vocabulary.filter((w) => !lexicon.stopwords.has(w)));
  }

  /**
   * Routes one message, in layers: a menu label; the emergency concepts and the safety signals,
   * which read the whole message and always win; then the learned model and the matcher together.
   * Pure: the same text always gives the same result.
   */
  route(text: string): RoutedMessage {
    return this.explain(text).routed;
  }

  /** The route and what led to it, for explain-route. */
  explain(text: string): { routed: RoutedMessage; emergency: EmergencyReading; ranked: Candidate[]; topics: Array<{ topic: Topic; probability: number; combined: number }> } {
    const words = normalizeWords(text, this.lexicon);
    const none: EmergencyReading = { level: "none", evidence: [], calm: [] };
    const label = words.length <= this.longestLabel ? this.labels.get(words.join(" ")) : undefined;
    if (label !== undefined) {
      const entry = this.entries[label]!;
      return { routed: { words, result: { kind: "answer", entry, topic: entry.topic, confidence: 1, reason: "label" } }, emergency: none, ranked: [], topics: [] };
    }
    // Typos are corrected where the message is ranked; past that, safety reads the words as written.
    const all = this.reader.read(words);
    const corrected = this.correctTypos(all, MAX_RANKED_WORDS);
    const forSignals = corrected.forSignals;
    const ranked = this.rank(corrected.forRanking);
    const blocked = this.hypotheticalMask(forSignals);
    const emergency = this.concepts?.read(forSignals, blocked) ?? none;
    const probabilities = this.model.probabilities(words.slice(0, MAX_RANKED_WORDS));
    const topics = this.combine(ranked, probabilities);
    /** danger seen but not decisively: the emergency layer's weak sign, or an emergency signal set aside */
    let weakSign = emergency.level === "weak";
    const emergencyProbability = probabilities[TOPICS.indexOf("redirect.emergency")]!;
    const answer = (entry: Entry, reason: "signal" | "concept" | "model" | "match", confidence: number) => {
      const safetyNet = entry.topic !== "redirect.emergency" && this.needsNet(entry.topic, weakSign, emergency, emergencyProbability);
      return { routed: { words, result: { kind: "answer" as const, entry, topic: entry.topic, confidence, reason, ...(safetyNet ? { safetyNet } : {}) } }, emergency, ranked, topics };
    };

    const vetoed = emergency.level === "decisive" && !emergency.selfHarm && emergencyProbability < this.options.conceptVetoBelow;
    if (vetoed) weakSign = true;
    else if (emergency.level === "decisive") {
      const other = this.likeliestOtherSafetyTopic(probabilities);
      if (!emergency.personOnly || other.probability < this.options.conceptGivesWayAbove) return answer(this.entryFor("redirect.emergency", ranked)!, "concept", 0.95);
      // A person in danger read into a story the model is sure is a crime or a notice ("mi hanno
      // svuotato il conto", "your tree fell on my fence"): that topic answers, opened by the 112 line.
      weakSign = true;
      return answer(this.entryFor(other.topic, ranked)!, "model", Math.round(other.probability * 1000) / 1000);
    }
    // Told as happening now, with nothing in it told as past or over, an emergency the model finds
    // likeliest is one: a signal of another topic in the same message ("ragazzi che tirano sassi ...
    // proprio adesso") does not outweigh it.
    if (emergency.present === true && emergencyProbability >= this.options.presentModelAbove && likeliest(probabilities) === TOPICS.indexOf("redirect.emergency")) {
      return answer(this.entryFor("redirect.emergency", ranked)!, "model", Math.round(emergencyProbability * 1000) / 1000);
    }
    const calmed = blocked.map((b, i) => b || emergency.calm[i] === true);
    const signals = this.safetyEntry(forSignals, blocked, calmed, ranked, (topic, phrase) => !this.modelVetoes(topic, phrase, probabilities));
    if (signals.entry) return answer(signals.entry, "signal", 0.95);
    if (all.length > MAX_RANKED_WORDS) {
      // Past the words the model read, a signal is all there is to go on: there it decides alone.
      const late = this.safetyEntry(forSignals.slice(MAX_RANKED_WORDS), blocked.slice(MAX_RANKED_WORDS), calmed.slice(MAX_RANKED_WORDS), ranked, () => true);
      if (late.entry) return answer(late.entry, "signal", 0.95);
    }
    if (signals.emergencySetAside) weakSign = true;
    // The matcher and the model alone send to 112 only when the model is sure or danger was seen;
    // otherwise the next topic answers, opened by the safety net.
    const trusted = (weakSign && emergency.over !== true) || (emergencyProbability >= this.options.emergencyModelAbove && !emergency.calm.includes(true));
    const [best, second] = trusted ? topics : topics.filter((t) => t.topic !== "redirect.emergency");
    if (best && isSafetyTopic(best.topic) && best.probability >= this.options.modelSafetyAbove) {
      return answer(this.entryFor(best.topic, ranked)!, "model", Math.round(best.probability * 1000) / 1000);
    }
    if (!best || best.combined < this.options.minScore) {
      const safetyNet = this.needsNet("fallback", weakSign, emergency, emergencyProbability);
      return { routed: { words, result: { kind: "fallback", topic: "fallback", confidence: Math.round((best?.combined ?? 0) * 500) / 1000, ...(safetyNet ? { safetyNet } : {}) } }, emergency, ranked, topics };
    }
    const confidence = Math.round(Math.min(1, best.combined / (1 + this.options.modelWeight)) * 1000) / 1000;
    const bestEntry = this.entryFor(best.topic, ranked)!;
    if (
      second &&
      !isSafetyTopic(best.topic) &&
      !isSafetyTopic(second.topic) &&
      best.topic !== "fallback" &&
      second.topic !== "fallback" &&
      best.combined < this.options.clarifyBelow &&
      second.combined >= best.combined * this.options.clarifyRatio
    ) {
      return { routed: { words, result: { kind: "clarify", candidates: [bestEntry, this.entryFor(second.topic, ranked)!], topic: best.topic, confidence } }, emergency, ranked, topics };
    }
    if (best.topic === "fallback") {
      const safetyNet = this.needsNet("fallback", weakSign, emergency, emergencyProbability);
      return { routed: { words, result: { kind: "fallback", topic: "fallback", confidence, ...(safetyNet ? { safetyNet } : {}) } }, emergency, ranked, topics };
    }
    return answer(bestEntry, "match", confidence);
  }

  /**
   * Every topic's combined score, best first: the model's probability plus the matcher's score
   * squashed to 0..1, so that neither a lucky keyword nor a vague probability decides alone.
   */
  private combine(ranked: readonly Candidate[], probabilities: Float64Array): Array<{ topic: Topic; probability: number; combined: number }> {
    // Each topic's matcher score against the best one's, squashed: a strong lead in the matcher counts.
    const matcher = new Map<Topic, number>();
    const top = ranked[0]?.score ?? 0;
    for (const c of ranked) matcher.set(c.entry.topic, c.score / (top + 4));
    const out: Array<{ topic: Topic; probability: number; combined: number }> = [];
    TOPICS.forEach((topic, i) => {
      if (!this.firstOfTopic.has(topic)) return;
      const probability = probabilities[i]!;
      out.push({ topic, probability, combined: this.options.modelWeight * probability + (matcher.get(topic) ?? 0) });
    });
    return out.sort((a, b) => b.combined - a.combined);
  }

  /** The entry that answers a topic: the matcher's best of that topic, else the topic's first entry. */
  private entryFor(topic: Topic, ranked: readonly Candidate[]): Entry | undefined {
    return ranked.find((c) => c.entry.topic === topic)?.entry ?? this.firstOfTopic.get(topic);
  }

  /**
   * A signal is a few words; the model has read the whole message. When the model gives the signal's
   * topic next to nothing, the words were most likely taken out of context ("appeal" in "can I appeal
   * my ban?", "non si respira" of a smell, "incidente" in a scammer's story, "con la presente" heading
   * a report), and the signal is set aside (see the README for the measurement).
   */
  private modelVetoes(topic: Topic, phrase: boolean, probabilities: Float64Array): boolean {
    if (phrase && this.options.phrasesAlwaysWin.includes(topic)) return false;
    return probabilities[TOPICS.indexOf(topic)]! < this.options.vetoBelow;
  }

  /** The crime, application or notice topic the model finds likeliest, and its probability. */
  private likeliestOtherSafetyTopic(probabilities: Float64Array): { topic: Topic; probability: number } {
    let best: { topic: Topic; probability: number } = { topic: "redirect.crime", probability: -1 };
    for (const topic of SAFETY_TOPICS) {
      const probability = probabilities[TOPICS.indexOf(topic)]!;
      if (topic !== "redirect.emergency" && this.firstOfTopic.has(topic) && probability > best.probability) best = { topic, probability };
    }
    return best;
  }

  /** Whether a reply of `topic` opens with the 112 line, given what the emergency layer and the model saw. */
  private needsNet(topic: Topic, weakSign: boolean, reading: EmergencyReading, emergency: number): boolean {
    // A danger told as over adds no line of its own: only a model that still leans to an emergency does.
    const sign = weakSign && reading.over !== true;
    const modelAbove = topic === "redirect.crime" ? Math.min(this.options.netAbove, this.options.crimeNetAbove) : this.options.netAbove;
    return reading.now === true || (sign && emergency >= this.options.weakSignFloor) || emergency >= modelAbove;
  }

  /** Entries by score, best first, one per topic. */
  rank(words: readonly MessageWord[]): Candidate[] {
    return this.matcher.rank(words).map(({ entryIndex, score }) => ({ entry: this.entries[entryIndex]!, score }));
  }

  /**
   * Marks the words that follow a hypothetical marker ("in caso di", "during", "such as"): a question
   * about what happens in a flood is not a flood happening now.
   */
  private hypotheticalMask(words: readonly MessageWord[]): boolean[] {
    const mask = new Array<boolean>(words.length).fill(false);
    for (let i = 0; i < words.length; i++) {
      const phrases = this.hypothetical.get(words[i]!.word);
      if (!phrases) continue;
      for (const phrase of phrases) {
        if (i + phrase.length > words.length) continue;
        let k = 1;
        while (k < phrase.length && words[i + k]!.word === phrase[k]) k++;
        if (k < phrase.length) continue;
        for (let j = i + phrase.length; j < Math.min(words.length, i + phrase.length + HYPOTHETICAL_REACH); j++) mask[j] = true;
      }
    }
    return mask;
  }

  /**
   * Replaces words the knowledge does not know with the closest known word. Ranking takes every
   * correction; safety signals only take slips of the fingers (a letter dropped, doubled or swapped),
   * because a different letter often makes another real word ("merito" is not "ferito"). Only the
   * first `ranked` words are corrected and ranked; the others are read for signals as written.
   */
  private correctTypos(words: MessageWord[], ranked: number): { forRanking: MessageWord[]; forSignals: MessageWord[] } {
    const forRanking: MessageWord[] = [];
    const forSignals: MessageWord[] = [];
    for (let i = 0; i < Math.min(ranked, words.length); i++) {
      const w = words[i]!;
      const corrected = !w.content || w.stems.some((s) => this.matcher.knowsStem(s) || this.conceptStems.has(s)) ? undefined : this.typos.correct(w.word);
      if (!corrected) {
        forRanking.push(w);
        forSignals.push(w);
        continue;
      }
      const replacement = this.reader.word(corrected);
      forRanking.push(replacement);
      forSignals.push(isSlip(w.word, corrected) ? replacement : w);
    }
    // The rest as written, into room made once (a long message has tens of thousands).
    if (words.length > ranked) {
      const corrected = forSignals.length;
      forSignals.length = words.length - ranked + corrected;
      for (let i = ranked; i < words.length; i++) forSignals[corrected + i - ranked] = words[i]!;
    }
    return { forRanking, forSignals };
  }

  /**
   * The safety entry whose signals the message carries, among the topics `admits` lets through, and
   * whether an emergency signal was set aside. An emergency signal always wins (the 112 instruction
   * must never be lost); otherwise most signals, then score, then severity.
   */
  private safetyEntry(
    words: readonly MessageWord[],
    blocked: readonly boolean[],
    calmed: readonly boolean[],
    ranked: readonly Candidate[],
    admits: (topic: Topic, phrase: boolean) => boolean,
  ): { entry?: Entry; emergencySetAside: boolean } {
    const { hitsByEntry, phrases } = this.signals.hits(words, blocked, calmed);
    let emergencySetAside = false;
    let best: { entry: Entry; hits: number; score: number; severity: number } | undefined;
    for (const [entryIndex, count] of [...hitsByEntry].sort((a, b) => a[0] - b[0])) {
      const entry = this.entries[entryIndex]!;
      if (!admits(entry.topic, phrases.has(entryIndex))) {
        if (entry.topic === "redirect.emergency") emergencySetAside = true;
        continue;
      }
      const hits = count * (SIGNAL_WEIGHTS[entry.topic] ?? 1);
      const score = ranked.find((c) => c.entry === entry)?.score ?? 0;
      const severity = SAFETY_TOPICS.length - SAFETY_TOPICS.indexOf(entry.topic);
      const emergency = entry.topic === "redirect.emergency";
      const bestIsEmergency = best?.entry.topic === "redirect.emergency";
      const better =
        !best ||
        (emergency && !bestIsEmergency) ||
        (emergency === bestIsEmergency && hits > best.hits) ||
        (emergency === bestIsEmergency && hits === best.hits && (score > best.score || (score === best.score && severity > best.severity)));
      if (better) best = { entry, hits, score, severity };
    }
    return best ? { entry: best.entry, emergencySetAside } : { emergencySetAside };
  }
}

/** True when `typed` is `intended` with one letter dropped, one letter doubled, or two neighbours swapped. */
export function isSlip(typed: string, intended: string): boolean {
  if (typed.length === intended.length - 1) {
    for (let i = 0; i < intended.length; i++) if (intended.slice(0, i) + intended.slice(i + 1) === typed) return true;
    return false;
  }
  if (typed.length === intended.length + 1) {
    for (let i = 1; i < typed.length; i++) {
      if (typed[i] === typed[i - 1] && typed.slice(0, i) + typed.slice(i + 1) === intended) return true;
    }
    return false;
  }
  if (typed.length !== intended.length) return false;
  const diff: number[] = [];
  for (let i = 0; i < typed.length; i++) if (typed[i] !== intended[i]) diff.push(i);
  return diff.length === 2 && diff[1] === diff[0]! + 1 && typed[diff[0]!] === intended[diff[1]!] && typed[diff[1]!] === intended[diff[0]!];
}

/** The index of the largest probability (the first of equals). */
function likeliest(probabilities: Float64Array): number {
  let best = 0;
  for (let i = 1; i < probabilities.length; i++) if (probabilities[i]! > probabilities[best]!) best = i;
  return best;
}
