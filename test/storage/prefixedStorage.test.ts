import { ConversationState, TurnContext, TestAdapter, type Activity, type Storage } from "botbuilder";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BoundedMemoryStorage } from "../../src/storage/boundedMemoryStorage.js";
import { createStorage } from "../../src/storage/createStorage.js";
import { PrefixedStorage, storageForComune } from "../../src/storage/prefixedStorage.js";
import { startAzurite, type Azurite } from "./azurite.js";

/** Two comuni write the same conversation's state through their own prefixes, and each reads back its own. */
async function twoComuniOneConversation(shared: Storage): Promise<void> {
  const adapter = new TestAdapter();
  const message: Partial<Activity> = { type: "message", text: "x", channelId: "test", conversation: { id: "same-id", isGroup: false, conversationType: "", name: "" } };
  const states = { cento: new ConversationState(storageForComune(shared, "cento/")), mezzago: new ConversationState(storageForComune(shared, "mezzago/")) };
  for (const [comune, state] of Object.entries(states)) {
    const context = new TurnContext(adapter, { ...adapter.conversation, ...message } as Activity);
    await state.load(context);
    await state.createProperty<string>("owner").set(context, comune);
    await state.saveChanges(context);
  }
  for (const [comune, state] of Object.entries(states)) {
    const context = new TurnContext(adapter, { ...adapter.conversation, ...message } as Activity);
    await state.load(context, true);
    expect(await state.createProperty<string>("owner").get(context)).toBe(comune);
  }
}

describe("PrefixedStorage", () => {
  it("reads, writes and deletes only under its prefix, and gives keys back without it", async () => {
    const shared = new BoundedMemoryStorage();
    const cento = new PrefixedStorage(shared, "cento/");
    const mezzago = new PrefixedStorage(shared, "mezzago/");
    await cento.write({ "test/conversations/c1/": { n: 1 } });
    await mezzago.write({ "test/conversations/c1/": { n: 2 } });
    expect(await cento.read(["test/conversations/c1/"])).toMatchObject({ "test/conversations/c1/": { n: 1 } });
    expect(await mezzago.read(["test/conversations/c1/"])).toMatchObject({ "test/conversations/c1/": { n: 2 } });
    expect(Object.keys(await shared.read(["cento/test/conversations/c1/", "mezzago/test/conversations/c1/", "test/conversations/c1/"])).sort()).toEqual([
      "cento/test/conversations/c1/",
      "mezzago/test/conversations/c1/",
    ]);
    await cento.delete(["test/conversations/c1/"]);
    expect(await cento.read(["test/conversations/c1/"])).toEqual({});
    expect(Object.keys(await mezzago.read(["test/conversations/c1/"]))).toEqual(["test/conversations/c1/"]);
  });

  it("leaves a single comune's store as it is (no prefix, today's keys)", () => {
    const shared = new BoundedMemoryStorage();
    expect(storageForComune(shared, "")).toBe(shared);
    expect(() => new PrefixedStorage(shared, "")).toThrow(/non-empty prefix/);
  });

  it("keeps two comuni's state of the same conversation apart in memory", async () => {
    await twoComuniOneConversation(new BoundedMemoryStorage());
  });

  describe("on Azure Blob Storage (Azurite)", () => {
    let azurite: Azurite;
    beforeAll(async () => {
      azurite = await startAzurite();
    }, 60_000);
    afterAll(async () => {
      await azurite?.stop();
    });

    it("keeps two comuni's state of the same conversation apart in one container", async () => {
      const shared = createStorage({ kind: "blob", connectionString: azurite.connectionString, container: "bot-state" });
      await twoComuniOneConversation(shared);
      const keys = Object.keys(await shared.read(["cento/test/conversations/same-id/", "mezzago/test/conversations/same-id/", "test/conversations/same-id/"]));
      expect(keys.sort()).toEqual(["cento/test/conversations/same-id/", "mezzago/test/conversations/same-id/"]);
    }, 30_000);
  });
});
