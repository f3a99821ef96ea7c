import { ConversationState, TestAdapter, TurnContext, type Activity, type ConversationAccount, type Storage } from "botbuilder";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CitizenBot } from "../../src/bot/citizenBot.js";
import { fixedKnowledge } from "../../src/conversation/knowledgeBundle.js";
import { createStorage } from "../../src/storage/createStorage.js";
import { seen } from "../support/testBot.js";
import { realBundle } from "../support/realKnowledge.js";
import { startAzurite, type Azurite } from "./azurite.js";

let azurite: Azurite;
let storage: Storage;

beforeAll(async () => {
  azurite = await startAzurite();
  // The container does not exist yet: BlobsStorage creates it on first use.
  storage = createStorage({ kind: "blob", connectionString: azurite.connectionString, container: "bot-state" });
}, 60_000);

afterAll(async () => {
  await azurite?.stop();
});

describe("Blob storage on Azurite", () => {
  it("writes, reads and deletes items", async () => {
    await storage.write({ "test/a": { n: 1 }, "test/b": { list: ["x"] } });
    const read = await storage.read(["test/a", "test/b", "test/missing"]);
    expect(read).toEqual({
      "test/a": { n: 1, eTag: expect.any(String) },
      "test/b": { list: ["x"], eTag: expect.any(String) },
    });
    await storage.delete(["test/a", "test/missing"]);
    expect(Object.keys(await storage.read(["test/a", "test/b"]))).toEqual(["test/b"]);
  });

  it('rejects a write with a stale eTag and accepts one with "*"', async () => {
    await storage.write({ "test/etag": { n: 1 } });
    const stale = (await storage.read(["test/etag"]))["test/etag"];
    await storage.write({ "test/etag": { n: 2, eTag: "*" } });
    await expect(storage.write({ "test/etag": { ...stale, n: 3 } })).rejects.toThrow(
      'Storage: error writing "test/etag" due to eTag conflict.',
    );
    const current = (await storage.read(["test/etag"]))["test/etag"];
    expect(current.n).toBe(2);
    await storage.write({ "test/etag": { ...current, n: 4 } });
    expect((await storage.read(["test/etag"]))["test/etag"].n).toBe(4);
  });

  it("shares a conversation's state between two ConversationState instances", async () => {
    const adapter = new TestAdapter();
    const activity = { ...adapter.makeActivity("hello"), channelId: "test", conversation: conversation("shared-state") };
    const first = new ConversationState(storage);
    const firstContext = new TurnContext(adapter, activity);
    await first.createProperty<{ language: string }>("conversationData").set(firstContext, { language: "en" });
    await first.saveChanges(firstContext);

    const second = new ConversationState(storage);
    const data = await second.createProperty<{ language: string }>("conversationData").get(new TurnContext(adapter, activity));
    expect(data).toEqual({ language: "en" });
  });
});

describe("Two bot instances sharing blob storage", () => {
  it("keeps the language a citizen chose on one instance when the next message reaches the other", async () => {
    const shared = conversation("language-switch");
    const [first, second] = [botInstance(shared), botInstance(shared)];
    const switched = await first.say("in inglese");
    expect(seen(switched)).toMatch(/English/);
    const answer = await second.say("orari della pagina");
    expect(seen(answer)).toMatch(/Monday to Friday/);
    expect(seen(answer)).not.toMatch(/automated assistant/); // the disclosure was already given on the first instance
  });
});

function conversation(id: string): ConversationAccount {
  return { id, isGroup: false, conversationType: "personal", name: "" };
}

/** A bot with its own state object and adapter, as on a second server instance, on the shared storage. */
function botInstance(shared: ConversationAccount) {
  const bot = new CitizenBot(fixedKnowledge(realBundle("cento")), new ConversationState(storage));
  const adapter = new TestAdapter(async (context) => bot.run(context), { conversation: shared });
  return {
    async say(text: string): Promise<Array<Partial<Activity>>> {
      await adapter.processActivity({ type: "message", text, locale: "it-IT" });
      return adapter.activeQueue.splice(0);
    },
  };
}
