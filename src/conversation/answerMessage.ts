import type { Reply, TurnOutcome } from "../answers/reply.js";
import type { Entry } from "../knowledge/schema.js";
import { detectLanguage } from "../text/detectLanguage.js";
import type { Language } from "../text/stemWord.js";
import { chooseLanguage } from "./chooseLanguage.js";
import type { ConversationData } from "./conversationData.js";
import type { KnowledgeBundle } from "./knowledgeBundle.js";

export interface AnsweredMessage {
  readonly reply: Reply;
  readonly outcome: TurnOutcome;
  readonly language: Language;
  /** set when the bot asked which of two entries was meant */
  readonly clarification?: readonly [Entry, Entry];
}

/**
 * Routes a citizen's message and composes the reply in the right language. Knows nothing of the
 * transport: the dialogs send what it returns.
 */
export function answerMessage(
  text: string,
  bundle: KnowledgeBundle,
  conversation: ConversationData,
  locale: string | undefined,
): AnsweredMessage {
  const { router, composer, knowledge } = bundle;
  const { words, result } = router.route(text);
  const language = chooseLanguage(conversation.language, detectLanguage(words, knowledge.lexicon), locale);
  switch (result.kind) {
    case "answer":
      return {
        reply: withMenu(composer.answer(result.entry, language), result.entry, bundle, language),
        outcome: { topic: result.topic, entry: result.entry.id, score: result.confidence },
        language,
      };
    case "clarify": {
      const [first, second] = result.candidates;
      return {
        reply: composer.clarify(first, second, language),
        outcome: { topic: result.topic, entry: null, score: result.confidence },
        language,
        clarification: result.candidates,
      };
    }
    case "fallback":
      return {
        reply: composer.fallback(language),
        outcome: { topic: "fallback", entry: fallbackId(bundle), score: result.confidence },
        language,
      };
  }
}

/** Answers a chosen entry directly (a clarification choice). */
export function answerEntry(entry: Entry, bundle: KnowledgeBundle, language: Language): AnsweredMessage {
  return {
    reply: withMenu(bundle.composer.answer(entry, language), entry, bundle, language),
    outcome: { topic: entry.topic, entry: entry.id, score: 1 },
    language,
  };
}

/** Help and greetings come with the menu, so the citizen sees what to ask next. */
function withMenu(reply: Reply, entry: Entry, bundle: KnowledgeBundle, language: Language): Reply {
  if (entry.topic !== "chat.help" && entry.topic !== "chat.greeting" && entry.topic !== "fallback") return reply;
  return { ...reply, suggestions: [...reply.suggestions, bundle.composer.menu(language)] };
}

function fallbackId(bundle: KnowledgeBundle): string | null {
  return bundle.knowledge.entries.find((e) => e.topic === "fallback")?.id ?? null;
}

/**
 * Adds the one-line "automated assistant" disclosure to the first reply of a conversation that had
 * no welcome. An emergency keeps the 112 instruction as its first sentence: the line goes last.
 */
export function withDisclosure(reply: Reply, disclosure: string, topic: TurnOutcome["topic"]): Reply {
  const text = topic === "redirect.emergency" ? `${reply.text}\n\n${disclosure}` : `${disclosure}\n\n${reply.text}`;
  return { ...reply, text };
}
