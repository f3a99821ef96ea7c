import { ConversationState, TestAdapter, type ConversationAccount } from "botbuilder";
import { describe, expect, it } from "vitest";
import { CitizenBot } from "../../src/bot/citizenBot.js";
import { fixedKnowledge } from "../../src/conversation/knowledgeBundle.js";
import { BoundedMemoryStorage } from "../../src/storage/boundedMemoryStorage.js";
import { seen } from "../support/testBot.js";
import { realBundle } from "../support/realKnowledge.js";

const CONVERSATIONS = 50_000;
const CAP = 1_000;

const conversation = (n: number): ConversationAccount => ({
  id: `conversation-${n}`,
  isGroup: false,
  conversationType: "personal",
  name: "",
});

describe("BoundedMemoryStorage under the real bot", () => {
  // One adapter for all conversations: each activity carries its own conversation id, so each turn
  // loads and saves that conversation's state as it would on the server.
  it(`stays within its cap of ${CAP} over ${CONVERSATIONS} distinct conversations`, { timeout: 180_000 }, async () => {
    const storage = new BoundedMemoryStorage({ maxEntries: CAP });
    const bot = new CitizenBot(fixedKnowledge(realBundle("cento")), new ConversationState(storage));
    const adapter = new TestAdapter(async (context) => bot.run(context));
    const say = async (n: number, text: string) => {
      await adapter.processActivity({ type: "message", text, locale: "it-IT", conversation: conversation(n) });
      return adapter.activeQueue.splice(0);
    };

    let largest = 0;
    for (let n = 0; n < CONVERSATIONS; n++) {
      // "in inglese" changes the conversation's state, "menu" answers from the dialog: both are saved.
      const replies = await say(n, n % 2 === 0 ? "menu" : "in inglese");
      expect(replies.length).toBeGreaterThan(0);
      largest = Math.max(largest, storage.size);
    }

    expect(largest).toBe(CAP);
    expect(storage.size).toBe(CAP);
    // The most recent conversation still remembers its language; the first ones were evicted.
    expect(seen(await say(CONVERSATIONS - 1, "orari della pagina"))).toMatch(/Monday to Friday/);
    expect(seen(await say(1, "orari della pagina"))).toMatch(/lunedì al venerdì/i);
  });
});
