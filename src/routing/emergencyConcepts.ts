import { normalizeWords, type Lexicon } from "../text/lexicon.js";
import { LANGUAGES } from "../text/stemWord.js";
import type { EmergencyConceptsSource } from "../knowledge/schema.js";
import type { MessageWord } from "./messageFeatures.js";
import { PhraseTrie } from "./phraseTrie.js";
import { SignalIndex } from "./signalIndex.js";
import { Signal } from "./signalMatcher.js";

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
   * alerts are published): an emergency signal starting there does not decide alone. Empty when
   * there is no such sign; a word past its end is not calm.
   */
  readonly calm: readonly boolean[];
  /**
   * Decisive only through a person near a state of danger ("mi + schiacciat*"), with no hazard and no
   * threat to oneself: the reading most often borrowed by a story told for another reason (a theft, a
   * claim for damages).
   */
  readonly personOnly?: boolean;
  /** Decisive through a threat to oneself: the one reading no other evidence may set aside. */
  readonly selfHarm?: boolean;
  /** Weak, with a sign of now next to the danger ("adesso", "right now"): the 112 line whatever the model says. */
  readonly now?: boolean;
  /**
   * A sign next to the danger that it is over ("per fortuna nessun ferito", "the fire is out", "false
   * alarm"): no word of now revives it, and the model alone does not send such a message to 112.
   */
  readonly over?: boolean;
  /**
   * The message says something is happening now ("adesso", "just", "in questo momento") and nothing
   * in it is told as past or over: read with the model, an emergency it leans to is happening.
   */
  readonly present?: boolean;
}

type Concept = "people" | "states" | "hazards" | "selfHarm" | "weak" | "past" | "institutions" | "aboutAlerts" | "now" | "over";
const CONCEPTS: readonly Concept[] = ["people", "states", "hazards", "selfHarm", "weak", "past", "institutions", "aboutAlerts", "now", "over"];

/** How many phrases a reading names as evidence: enough to explain it, bounded for long messages. */
const MAX_EVIDENCE = 5;

/** A position in the sorted list within `window` of `position`, if any. */
function nearest(sorted: readonly number[], position: number, window: number): number | undefined {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (sorted[mid]! < position - window) low = mid + 1;
    else high = mid;
  }
  return low < sorted.length && sorted[low]! <= position + window ? sorted[low] : undefined;
}

/**
 * A concept phrase allows one extra word between its words ("non si muove" in "non si muove più"):
 * wider gaps join words of different clauses ("non so cosa rispondere").
 */
const CONCEPT_GAP = 1;

/**
 * Whether each hit (in word order) lies inside a longer hit of `concept`: one that starts before it
 * and ends no earlier, or starts with it and ends later. One pass over the hits: the whole reading
 * stays linear in the message.
 */
function coveredBy(hits: readonly Hit[], concept: Concept): boolean[] {
  const of = hits.filter((hit) => hit.concept === concept);
  const covered = new Array<boolean>(hits.length);
  let next = 0;
  // the furthest end of the hits of `concept` that start before the current word, and of those that start at it
  let endBefore = -1;
  let endHere = -1;
  let here = -1;
  hits.forEach((hit, i) => {
    if (hit.at !== here) {
      endBefore = Math.max(endBefore, endHere);
      endHere = -1;
      here = hit.at;
    }
    while (next < of.length && of[next]!.at <= hit.at) {
      const other = of[next++]!;
      if (other.at < hit.at) endBefore = Math.max(endBefore, other.end);
      else endHere = Math.max(endHere, other.end);
    }
    covered[i] = endBefore >= hit.end || endHere > hit.end;
  });
  return covered;
}

/** A phrase of a concept. */
interface ConceptPhrase {
  readonly concept: Concept;
  readonly signal: Signal;
}

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
  /** the phrases by the keys of their first word, in the order a word tries them */
  private readonly index = new SignalIndex<ConceptPhrase>();
  /** the same phrases, matched all at once */
  private readonly trie = new PhraseTrie<ConceptPhrase>(CONCEPT_GAP);
  /** the phrases that match at one position (reused) */
  private readonly matched: ConceptPhrase[] = [];
  private readonly window: number;
  private readonly vocabulary = new Set<string>();
  /** words that negate a sign that the danger is over ("non" in "l'incendio non è spento") */
  private readonly negations = new Set<string>();

  constructor(source: EmergencyConceptsSource, lexicon: Lexicon) {
    this.window = source.window;
    for (const language of LANGUAGES) for (const text of source.negations[language]) for (const word of normalizeWords(text, lexicon)) this.negations.add(word);
    for (const concept of CONCEPTS) {
      for (const language of LANGUAGES) {
        for (const text of source[concept][language]) {
          const signal = Signal.compile(text, language, lexicon, false, CONCEPT_GAP);
          if (!signal) continue;
          for (const word of normalizeWords(text.replace(/\*/g, ""), lexicon)) this.vocabulary.add(word);
          const item = { concept, signal };
          this.index.add(signal, () => item);
          this.trie.add(signal, item);
        }
      }
    }
  }

  /** A person named near a state of danger, outside the state's own words. */
  private personNear(state: Hit, hits: readonly Hit[], people: readonly number[]): string | undefined {
    const first = nearest(people, state.at, this.window);
    if (first === undefined) return undefined;
    // hits are in word order: start at the first one at or after that position.
    let low = 0;
    let high = hits.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (hits[mid]!.at < first) low = mid + 1;
      else high = mid;
    }
    for (let i = low; i < hits.length; i++) {
      const h = hits[i]!;
      if (h.at > state.at + this.window) return undefined;
      if (h.concept !== "people") continue;
      if (h.at < state.at || h.at >= state.end) return h.text;
    }
    return undefined;
  }

  /**
   * Whether a negation stands just before a phrase matched at `at`, or in the gaps between its words
   * ("fire is [not] out"); the phrase's own words do not count ("it's not gas", "never mind").
   */
  private negated(words: readonly MessageWord[], at: number, signal: Signal): boolean {
    if (this.negations.size === 0) return false;
    const own = new Set(signal.parts.map((token) => token.word));
    const end = Math.min(words.length, at + signal.length + (signal.length - 1) * signal.gap);
    for (let i = Math.max(0, at - 1); i < end; i++) {
      const word = words[i]!.word;
      if (this.negations.has(word) && !own.has(word)) return true;
    }
    return false;
  }

  /** Every word the concepts use, for the typo corrector. */
  words(): string[] {
    return [...this.vocabulary];
  }

  /** Reads a message; `blocked` marks words in a hypothetical context ("in caso di incendio"). */
  read(words: readonly MessageWord[], blocked: readonly boolean[]): EmergencyReading {
    const hits: Hit[] = [];
    // The phrases matching at one position: matched[0..count), each once.
    const matched = this.matched;
    let count = 0;
    const isMatched = (phrase: ConceptPhrase) => {
      for (let k = 0; k < count; k++) if (matched[k] === phrase) return true;
      return false;
    };
    const found = (phrase: ConceptPhrase) => {
      if (!isMatched(phrase)) matched[count++] = phrase;
    };
    const hit = (phrase: ConceptPhrase, at: number) => {
      // "l'incendio non è spento": a sign that the danger is over, negated, calms nothing.
      if (phrase.concept === "over" && this.negated(words, at, phrase.signal)) return;
      hits.push({ concept: phrase.concept, at, end: at + phrase.signal.length, text: phrase.signal.text });
    };
    for (let at = 0; at < words.length; at++) {
      if (words[at]!.keyIds.length === 0) continue;
      count = 0;
      this.trie.matchAt(words, at, found);
      if (count === 1) hit(matched[0]!, at);
      // Several: in the order the word tries its phrases, as a hit's evidence is told.
      else if (count > 1) for (const phrase of this.index.at(words[at]!).distinct) if (isMatched(phrase)) hit(phrase, at);
    }
    // Positions of each concept, in order, so that "is there one near here?" is a binary search:
    // a message repeating a danger word thousands of times stays linear.
    const at = new Map<Concept, number[]>(CONCEPTS.map((c) => [c, []]));
    // A word of now inside a sign of the past ("ora è al sicuro") is part of that sign, and a word of
    // the past inside a sign of now ("da ieri sera", still going on) is part of that one.
    const inPast = coveredBy(hits, "past");
    const inNow = coveredBy(hits, "now");
    hits.forEach((hit, i) => {
      if ((hit.concept === "now" && inPast[i]) || (hit.concept === "past" && inNow[i])) return;
      at.get(hit.concept)!.push(hit.at);
    });
    const near = (position: number, concept: Concept) => nearest(at.get(concept)!, position, this.window) !== undefined;
    // Made with the first calm sign: most messages have none, and a word past its end is not calm.
    let calm: boolean[] = [];
    for (const [i, hit] of hits.entries()) {
      if ((hit.concept !== "past" || inNow[i]) && hit.concept !== "aboutAlerts" && hit.concept !== "over") continue;
      if (calm.length === 0) calm = new Array<boolean>(words.length).fill(false);
      for (let i = Math.max(0, hit.at - this.window); i <= Math.min(words.length - 1, hit.at + this.window); i++) calm[i] = true;
    }
    const decisive: string[] = [];
    const weak: string[] = [];
    let personOnly = true;
    let selfHarm = false;
    let weakNow = false;
    let overSeen = false;
    const addWeak = (hit: Hit) => {
      if (weak.length < MAX_EVIDENCE) weak.push(hit.text);
      if (near(hit.at, "now")) weakNow = true;
    };
    for (const hit of hits) {
      if (decisive.length >= MAX_EVIDENCE) {
        // Not read to the end: a hazard or a threat to oneself may follow.
        personOnly = false;
        break;
      }
      if (blocked[hit.at]) continue;
      // "da settimane ... adesso è dietro di me": a sign of now near the danger outweighs the past.
      const over = near(hit.at, "over");
      if (over && (hit.concept === "hazards" || hit.concept === "states" || hit.concept === "weak")) overSeen = true;
      const past = (near(hit.at, "past") && !near(hit.at, "now")) || over;
      if (hit.concept === "selfHarm") {
        decisive.push(hit.text);
        personOnly = false;
        selfHarm = true;
      } else if (hit.concept === "hazards") {
        if (!past && !near(hit.at, "aboutAlerts")) {
          decisive.push(hit.text);
          personOnly = false;
        } else addWeak(hit);
      } else if (hit.concept === "states") {
        if (near(hit.at, "institutions")) continue;
        const person = this.personNear(hit, hits, at.get("people")!);
        if (person && !past) decisive.push(`${person} + ${hit.text}`);
        else addWeak(hit);
      } else if (hit.concept === "weak") addWeak(hit);
    }
    const present = at.get("now")!.length > 0 && at.get("past")!.length === 0 && at.get("over")!.length === 0 && at.get("aboutAlerts")!.length === 0;
    const presentFlag = present ? { present } : {};
    if (decisive.length > 0) return { level: "decisive", evidence: decisive, calm, ...(personOnly ? { personOnly } : {}), ...(selfHarm ? { selfHarm } : {}), ...presentFlag };
    if (weak.length > 0) return { level: "weak", evidence: weak, calm, ...(weakNow && !overSeen ? { now: weakNow } : {}), ...(overSeen ? { over: true } : {}), ...presentFlag };
    return { level: "none", evidence: [], calm, ...presentFlag };
  }
}
