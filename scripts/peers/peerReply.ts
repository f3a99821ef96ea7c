import type { TurnOutcome } from "../../src/answers/reply.js";
import { describeActivities } from "../../src/channels/describeActivities.js";
import { renderReply } from "../../src/channels/renderReply.js";
import { answerEntry } from "../../src/conversation/answerMessage.js";
import { finishAnswer } from "../../dialogs/finishAnswer.js";
import { NEW_CONVERSATION } from "../../dialogs/conversationState.js";
import { chooseLanguage } from "../../src/conversation/chooseLanguage.js";
import type { KnowledgeBundle } from "../../src/conversation/knowledgeBundle.js";
import { detectLanguage } from "../../src/text/detectLanguage.js";
import { normalizeWords } from "../../src/text/lexicon.js";

/** The channel id src/ask.ts gives its activities. */
const ASK_CHANNEL = "ask";

/** One line of the ask protocol's answer. */
export interface PeerAnswer extends TurnOutcome {
  readonly reply: string;
}

/**
 * What the bot would show if its router had picked `entryId` (null: not understood) for the first
 * message of a conversation: same language choice, same composer, same disclosure line, same
 * rendering. So facts, leaks and language differ from the bot's only where the routing differs. (The
 * bot's extras that need its router — follow-ups, checks of named accounts — are left out.)
 */
export function peerAnswer(bundle: KnowledgeBundle, text: string, locale: string, entryId: string | null, now = new Date()): PeerAnswer {
  const { knowledge, composer } = bundle;
  const language = chooseLanguage(undefined, detectLanguage(normalizeWords(text, knowledge.lexicon), knowledge.lexicon), locale);
  const entry = entryId === null ? undefined : knowledge.entries.find((e) => e.id === entryId);
  const answered = entry
    ? answerEntry(entry, bundle, language, now)
    : {
        reply: composer.fallback(language),
        outcome: { topic: "fallback" as const, entry: knowledge.entries.find((e) => e.topic === "fallback")?.id ?? null, score: 0 },
        language,
      };
  // Finished and rendered as the conversation core does, for the first message of a conversation.
  const { reply } = finishAnswer(answered, bundle, NEW_CONVERSATION, text, now);
  const activities = renderReply(reply, ASK_CHANNEL, { cardTitle: composer.t(language, "cardTitle", { ns: "messenger" }) });
  return { ...answered.outcome, reply: describeActivities(activities) };
}
