import { normalizeWords, type Lexicon } from "../text/lexicon.js";
import { LANGUAGES } from "../text/stemWord.js";
import type { EmergencyConceptsSource } from "../knowledge/schema.js";
import type { MessageWord } from "./messageFeatures.js";
import { Signal, wordKeys } from "./signalMatcher.js";

/** What the emergency layer saw in a message. */
export interface EmergencyReading {
  /**
   * decisive: someone is in danger now, 112 wins over any other topic;
   * weak: danger is mentioned but not clearly now (the reply opens with one 112 line);
   * none: nothing of the kind.
   */
  readonly level: "decisive" | "weak" | "none";
  /** the phrases that led there, for explain-route */
  readonly evidence: readonly string[];
  /**
   * Words near a sign that the danger is not happening now (a past event, a question about how
   * alerts are published): an emergency signal starting there does not decide alone.
   */
  readonly calm: readonly boolean[];
}

type Concept = "people" | "states" | "hazards" | "selfHarm" | "weak" | "past" | "institutions" | "aboutAlerts";
const CONCEPTS: readonly Concept[] = ["people", "states", "hazards", "selfHarm", "weak", "past", "institutions", "aboutAlerts"];

/**
 * A concept phrase allows one extra word between its words ("non si muove" in "non si muove più"):
 * wider gaps join words of different clauses ("non so cosa rispondere").
 */
const CONCEPT_GAP = 1;

interface Hit {
  readonly concept: Concept;
  readonly at: number;
  readonly end: number;
  readonly text: string;
}

/**
 * The emergency layer: reasons in concepts, not phrases. A person, a state of danger and nearness
 * in the message; or a hazard (fire, gas, water rising, a collapse, a car off the road); or a threat
 * to oneself. The concepts are data (knowledge/emergency.yaml); this class only combines them.
 * Linear in the message: each word only tries the phrases that can start with it.
 */
export class EmergencyConcepts {
  private readonly index = new Map<string, Array<{ concept: Concept; signal: Signal }>>();
  private readonly window: number;
  private readonly vocabulary = new Set<string>();

  constructor(source: EmergencyConceptsSource, lexicon: Lexicon) {
    this.window = source.window;
    for (const concept of CONCEPTS) {
      for (const language of LANGUAGES) {
        for (const text of source[concept][language]) {
          const signal = Signal.compile(text, language, lexicon, false, CONCEPT_GAP);
          if (!signal) continue;
          for (const word of normalizeWords(text.replace(/\*/g, ""), lexicon)) this.vocabulary.add(word);
          for (const key of new Set(signal.startKeys())) {
            const list = this.index.get(key);
            if (list) list.push({ concept, signal });
            else this.index.set(key, [{ concept, signal }]);
          }
        }
      }
    }
  }

  /** Every word the concepts use, for the typo corrector. */
  words(): string[] {
    return [...this.vocabulary];
  }

  /** Reads a message; `blocked` marks words in a hypothetical context ("in caso di incendio"). */
  read(words: readonly MessageWord[], blocked: readonly boolean[]): EmergencyReading {
    const hits: Hit[] = [];
    words.forEach((word, at) => {
      const tried = new Set<Signal>();
      for (const key of wordKeys(word)) {
        for (const { concept, signal } of this.index.get(key) ?? []) {
          if (tried.has(signal)) continue;
          tried.add(signal);
          if (signal.matchesAt(words, at)) hits.push({ concept, at, end: at + signal.length, text: signal.text });
        }
      }
    });
    const near = (hit: Hit, concept: Concept) => hits.some((h) => h.concept === concept && Math.abs(h.at - hit.at) <= this.window);
    const decisive: string[] = [];
    const weak: string[] = [];
    for (const hit of hits) {
      if (blocked[hit.at]) continue;
      const past = near(hit, "past");
      if (hit.concept === "selfHarm") decisive.push(hit.text);
      else if (hit.concept === "hazards") (past || near(hit, "aboutAlerts") ? weak : decisive).push(hit.text);
      else if (hit.concept === "states") {
        const person = hits.find((h) => h.concept === "people" && Math.abs(h.at - hit.at) <= this.window && (h.at < hit.at || h.at >= hit.end));
        if (near(hit, "institutions")) continue;
        if (person && !past) decisive.push(`${person.text} + ${hit.text}`);
        else weak.push(hit.text);
      } else if (hit.concept === "weak") weak.push(hit.text);
    }
    const calm = new Array<boolean>(words.length).fill(false);
    for (const hit of hits) {
      if (hit.concept !== "past" && hit.concept !== "aboutAlerts") continue;
      for (let i = Math.max(0, hit.at - this.window); i <= Math.min(words.length - 1, hit.at + this.window); i++) calm[i] = true;
    }
    if (decisive.length > 0) return { level: "decisive", evidence: decisive, calm };
    if (weak.length > 0) return { level: "weak", evidence: weak, calm };
    return { level: "none", evidence: [], calm };
  }
}
