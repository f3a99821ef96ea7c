import { ConversationState, TestAdapter, type ConversationAccount } from "botbuilder";
import { describe, expect, it } from "vitest";
import { CitizenBot } from "../../src/bot/citizenBot.js";
import { fixedKnowledge } from "../../src/conversation/knowledgeBundle.js";
import { BoundedMemoryStorage } from "../../src/storage/boundedMemoryStorage.js";
import { seen } from "../support/testBot.js";
import { realBundle } from "../support/realKnowledge.js";

const conversation = (n: number): ConversationAccount => ({
  id: `conversation-${n}`,
  isGroup: false,
  conversationType: "personal",
  name: "",
});

/**
 * The real bot saving `conversations` distinct conversations into a store capped at `cap` entries:
 * the store never holds more, drops the least recently used, and the latest keep their state.
 * `npm test` runs it at ten times the cap; `npm run test:soak` at fifty.
 */
export function capUnderTheRealBot(conversations: number, cap: number): void {
  describe("BoundedMemoryStorage under the real bot", () => {
    // One adapter for all conversations: each activity carries its own conversation id, so each turn
    // loads and saves that conversation's state as it would on the server.
    it(`stays within its cap of ${cap} over ${conversations} distinct conversations`, { timeout: 600_000 }, async () => {
      const storage = new BoundedMemoryStorage({ maxEntries: cap });
      const bot = new CitizenBot(fixedKnowledge(realBundle("cento")), new ConversationState(storage));
      const adapter = new TestAdapter(async (context) => bot.run(context));
      const say = async (n: number, text: string) => {
        await adapter.processActivity({ type: "message", text, locale: "it-IT", conversation: conversation(n) });
        return adapter.activeQueue.splice(0);
      };

      let largest = 0;
      for (let n = 0; n < conversations; n++) {
        // "in inglese" changes the conversation's state, "menu" answers from the dialog: both are saved.
        const replies = await say(n, n % 2 === 0 ? "menu" : "in inglese");
        expect(replies.length).toBeGreaterThan(0);
        largest = Math.max(largest, storage.size);
      }

      expect(largest).toBe(cap);
      expect(storage.size).toBe(cap);
      // The most recent conversation still remembers its language; the first ones were evicted.
      expect(seen(await say(conversations - 1, "orari della pagina"))).toMatch(/Monday to Friday/);
      expect(seen(await say(1, "orari della pagina"))).toMatch(/lunedì al venerdì/i);
    });
  });
}
