import { describe, expect, it } from "vitest";
import { MemoryStateStore } from "../../src/storage/memoryStateStore.js";
import { seen, testBot, turn } from "../support/testBot.js";

/**
 * The real bot saving `conversations` distinct conversations into a store capped at `cap` entries:
 * the store never holds more, drops the least recently used, and the latest keep their state.
 * `npm test` runs it at ten times the cap; `npm run test:soak` at fifty.
 */
export function capUnderTheRealBot(conversations: number, cap: number): void {
  describe("the memory state store under the real bot", () => {
    // One host for all conversations: each activity carries its own conversation id, so each turn
    // loads and saves that conversation's state as it would on the server.
    it(`stays within its cap of ${cap} over ${conversations} distinct conversations`, { timeout: 600_000 }, async () => {
      const storage = new MemoryStateStore({ maxEntries: cap });
      const { adapter } = testBot("cento", "it-IT", { store: storage });
      const say = (n: number, text: string) => turn(adapter, { type: "message", text, conversation: { id: `conversation-${n}` } });

      let largest = 0;
      for (let n = 0; n < conversations; n++) {
        // "in inglese" changes the conversation's language, "menu" answers the help entry: both are saved.
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
