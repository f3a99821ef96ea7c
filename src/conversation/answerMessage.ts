import { profileFacts } from "../knowledge/mergeAnswers.js";
import type { Reply, TurnOutcome } from "../answers/reply.js";
import type { Entry } from "../knowledge/schema.js";
import type { RouteResult } from "../routing/router.js";
import { detectLanguage } from "../text/detectLanguage.js";
import { normalizeWords } from "../text/lexicon.js";
import type { Language } from "../text/stemWord.js";
import { chooseLanguage } from "./chooseLanguage.js";

import { followUpFact, followUpOf, type FollowUp } from "./followUp.js";
import type { KnowledgeBundle } from "./knowledgeBundle.js";
import { accountMentions, officialAccountFor } from "./officialAccounts.js";

export interface AnsweredMessage {
  readonly reply: Reply;
  readonly outcome: TurnOutcome;
  readonly language: Language;
  /** set when the bot asked which of two entries was meant */
  readonly clarification?: readonly [Entry, Entry];
}

/** What answering needs of the conversation: the language chosen in it and the last entry that answered. */
export interface ConversationMemory {
  readonly language?: Language;
  readonly lastEntry?: string;
}

/** What a turn knows besides the text: the channel's locale and the time. */
export interface TurnSituation {
  readonly locale: string | undefined;
  readonly now: Date;
}

/**
 * Only the start of a very long message is routed: what a citizen asks comes first, and a 100 KB
 * paste must cost no more than a normal message.
 */
export const MAX_ROUTED_CHARS = 2000;

/** Topics whose answers also say whether staff are on the channels right now. */
const OFFICE_STATUS_TOPICS = new Set(["redirect.human", "policy.hours"]);

/**
 * Routes a citizen's message and composes the reply in the right language: a follow-up on the last
 * answer ("e il numero?") or for the comune's contacts ("qual è il vostro numero?"), a check of a
 * named account, or the routed entry's answer, with the office status where it matters. Knows
 * nothing of the transport: the dialogs send what it returns.
 */
export function answerMessage(message: string, bundle: KnowledgeBundle, conversation: ConversationMemory, situation: TurnSituation): AnsweredMessage {
  const { router, knowledge } = bundle;
  const text = message.slice(0, MAX_ROUTED_CHARS);
  const followUp = followUpOf(text, knowledge.lexicon);
  if (followUp) {
    const language = chooseLanguage(conversation.language, detectLanguage(normalizeWords(text, knowledge.lexicon), knowledge.lexicon), situation.locale);
    return answerFollowUp(followUp, knowledge.entries.find((e) => e.id === conversation.lastEntry), bundle, language);
  }

  const { words, result } = router.route(message);
  const language = chooseLanguage(conversation.language, detectLanguage(words, knowledge.lexicon), situation.locale);
  const aboutAccounts =
    (result.kind === "answer" && result.topic === "policy.official_accounts") ||
    (result.kind === "clarify" && result.candidates.some((e) => e.topic === "policy.official_accounts"));
  if (aboutAccounts) {
    const checked = checkAccounts(text, bundle, language, result.kind === "answer" ? result.confidence : 1);
    if (checked) return checked;
  }
  const answered = answerRoute(result, bundle, language, situation);
  if (!("safetyNet" in result && result.safetyNet)) return answered;
  return { ...answered, reply: { ...answered.reply, text: bundle.composer.withSafetyNet(answered.reply.text, language) } };
}

/**
 * A short question for one fact: about the last answer, that entry's own follow-up reply or the fact
 * itself; asked of the comune ("what's your phone number?") or with nothing answered yet, the
 * contact office with all its contacts (or the website, for a link).
 */
function answerFollowUp(followUp: FollowUp, lastEntry: Entry | undefined, bundle: KnowledgeBundle, language: Language): AnsweredMessage {
  const { knowledge, composer } = bundle;
  if (lastEntry && !followUp.yours) {
    const context = { ...profileFacts(knowledge.profile), national: knowledge.national };
    const reply =
      composer.entryFollowUp(lastEntry, language) ??
      composer.followUp(followUp.kind, followUpFact(followUp.kind, lastEntry, knowledge.profile, context), language);
    return { reply, outcome: { topic: lastEntry.topic, entry: lastEntry.id, score: 1 }, language };
  }
  const reply = followUp.kind === "website" ? composer.followUp("website", knowledge.profile.website, language) : composer.contactOffice(language);
  return { reply, outcome: { topic: "policy.contacts", entry: null, score: 1 }, language };
}

/** The reply a route calls for, before the safety net. */
function answerRoute(result: RouteResult, bundle: KnowledgeBundle, language: Language, situation: TurnSituation): AnsweredMessage {
  const { knowledge } = bundle;
  switch (result.kind) {
    case "answer": {
      const answered = answerEntry(result.entry, bundle, language, situation.now, result.confidence);
      // A menu tap names a topic and describes nothing yet: the answer opens by asking what it is.
      const opening = result.reason === "label" ? bundle.composer.menuOpening(result.entry, language) : undefined;
      return opening ? { ...answered, reply: { ...answered.reply, text: `${opening}\n\n${answered.reply.text}` } } : answered;
    }
    case "clarify": {
      const [first, second] = result.candidates;
      return {
        reply: bundle.composer.clarify(first, second, language),
        outcome: { topic: result.topic, entry: null, score: result.confidence },
        language,
        clarification: result.candidates,
      };
    }
    case "fallback":
      return {
        reply: bundle.composer.fallback(language),
        outcome: { topic: "fallback", entry: knowledge.entries.find((e) => e.topic === "fallback")?.id ?? null, score: result.confidence },
        language,
      };
  }
}

/** Answers a known entry: a routed one, or a clarification choice. */
export function answerEntry(entry: Entry, bundle: KnowledgeBundle, language: Language, now: Date, score = 1): AnsweredMessage {
  let reply = bundle.composer.answer(entry, language);
  // When the policy states no hours there is no "open now" to tell: the answer says so itself.
  if (OFFICE_STATUS_TOPICS.has(entry.topic) && !bundle.knowledge.profile.monitoredHours.notStated) {
    const status = bundle.composer.officeStatus(bundle.officeHours.status(now), now, language);
    reply = { ...reply, text: `${reply.text}\n\n${status}` };
  }
  if (entry.topic === "chat.help" || entry.topic === "chat.greeting") {
    reply = { ...reply, suggestions: [...reply.suggestions, bundle.composer.menu(language)] };
  }
  return { reply, outcome: { topic: entry.topic, entry: entry.id, score }, language };
}

/** "Is this page official?": a verdict on each named account, then the list of the official ones. */
function checkAccounts(text: string, bundle: KnowledgeBundle, language: Language, score: number): AnsweredMessage | undefined {
  const { knowledge, composer } = bundle;
  const mentions = accountMentions(text, knowledge.lexicon);
  if (mentions.length === 0) return undefined;
  const verdicts = mentions.map((mention) => {
    const account = officialAccountFor(mention, knowledge.profile);
    return composer.officialCheck(mention.text, account && { managedBy: account.managedBy[language] }, language);
  });
  const listing = knowledge.entries.find((e) => e.topic === "policy.official_accounts");
  const base = listing ? composer.answer(listing, language) : { text: "", buttons: [], suggestions: [] };
  return {
    reply: { ...base, text: [...verdicts, base.text].filter(Boolean).join("\n\n") },
    outcome: { topic: "policy.official_accounts", entry: listing?.id ?? null, score },
    language,
  };
}

/**
 * Adds the one-line "automated assistant" disclosure to the first reply of a conversation that had
 * no welcome. An emergency keeps the 112 instruction as its first sentence: the line goes last.
 */
export function withDisclosure(reply: Reply, disclosure: string, topic: TurnOutcome["topic"]): Reply {
  const text = topic === "redirect.emergency" ? `${reply.text}\n\n${disclosure}` : `${disclosure}\n\n${reply.text}`;
  return { ...reply, text };
}
