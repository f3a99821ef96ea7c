import { OPEN_MODE } from "../../src/hosts/botAuthSettings.js";
import type { AddressInfo } from "node:net";
import { messageActivity } from "../support/botServer.js";
import type { HttpServer as Server } from "../../src/hosts/http/server.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConversationTurns } from "../../src/hosts/conversationTurns.js";
import { createHost } from "../../src/hosts/createHost.js";
import { MemoryStateStore } from "../../src/storage/memoryStateStore.js";
import { TEST_SDK } from "../support/testBot.js";
import { KnowledgeWatcher } from "../../src/knowledge/watchKnowledge.js";
import { createServer } from "../../src/hosts/http/server.js";
import { copyKnowledge } from "../support/knowledgeCopy.js";
import { i18n } from "../support/realKnowledge.js";
import { ZANZIBAR, memoryLogger } from "./hotReloadFixtures.js";

const copy = copyKnowledge();
const { logger, lines } = memoryLogger();
let watcher: KnowledgeWatcher;
let server: Server;
let base: string;

beforeAll(async () => {
  watcher = new KnowledgeWatcher({ root: copy.dir, comune: "cento", i18n, logger, debounceMs: 100 });
  const turns = new ConversationTurns({ knowledge: watcher, store: new MemoryStateStore(), logger });
  server = createServer({ host: createHost({ sdk: TEST_SDK, auth: OPEN_MODE, runTurn: turns.run, logger }), knowledge: watcher, logger });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  watcher.close();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

/** Asks the running server, as a channel would, and returns what the bot answered. */
async function ask(text: string): Promise<string> {
  const res = await fetch(`${base}/api/messages`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(messageActivity(text)),
  });
  expect(res.status).toBe(200);
  const body = (await res.json()) as { activities: Array<{ text?: string }> };
  return body.activities.map((a) => a.text ?? "").join("\n");
}

interface Health {
  knowledgeVersion: string;
  lastReloadError: { at: string } | null;
}
const healthzText = async () => (await fetch(`${base}/healthz`)).text();
const healthz = async () => JSON.parse(await healthzText()) as Health;

async function edit(write: () => void) {
  const reloaded = watcher.nextReload();
  write();
  return reloaded;
}

describe("hot reload through the real server", () => {
  it("answers from an edited file without a restart, and keeps the old knowledge when a file breaks", async () => {
    const first = (await healthz()).knowledgeVersion;
    expect(await ask("zanzibar")).not.toContain("Zanzibar è in Tanzania");

    expect((await edit(() => copy.write("cento/entries/zz-zanzibar.yaml", ZANZIBAR("Zanzibar è in Tanzania.")))).kind).toBe("loaded");
    const second = (await healthz()).knowledgeVersion;
    expect(second).not.toBe(first);
    expect(await ask("zanzibar")).toContain("Zanzibar è in Tanzania.");

    const broken = await edit(() => copy.write("cento/entries/zz-zanzibar.yaml", "entries:\n  - id: zanzibar\n    topic: [policy.contacts\n"));
    expect(broken.kind).toBe("rejected");
    expect((await healthz()).knowledgeVersion).toBe(second);
    expect(await ask("zanzibar")).toContain("Zanzibar è in Tanzania.");
    expect(await ask("vorrei denunciare un furto, mi hanno rubato la bici")).toMatch(/Carabinieri|Polizia/);
  });

  it("says on /healthz only when a reload failed; what failed goes to the log", async () => {
    const before = await healthz();
    const broken = await edit(() => copy.write("cento/entries/zz-zanzibar.yaml", "entries:\n  - id: zanzibar\n    topic: [policy.contacts\n"));
    expect(broken.kind).toBe("rejected");

    const text = await healthzText();
    const health = JSON.parse(text) as Health;
    expect(health.knowledgeVersion).toBe(before.knowledgeVersion);
    expect(health.lastReloadError).toEqual({ at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/) });
    expect(Object.keys(health.lastReloadError!)).toEqual(["at"]);
    for (const detail of ["zanzibar", ".yaml", "riga", "line", copy.dir, "policy"]) expect(text).not.toContain(detail);

    const logged = lines.map((l) => JSON.parse(l) as { msg: string; problems?: string[] }).filter((l) => l.problems).at(-1);
    expect(logged?.problems).toEqual([expect.stringContaining("cento/entries/zz-zanzibar.yaml, riga 3, colonna 12: la parentesi [ aperta qui non si chiude")]);

    expect((await edit(() => copy.write("cento/entries/zz-zanzibar.yaml", ZANZIBAR("Zanzibar è in Africa.")))).kind).toBe("loaded");
    expect((await healthz()).lastReloadError).toBeNull();
  });
});
