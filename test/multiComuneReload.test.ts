import { appendFileSync, rmSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp, type App } from "../src/app.js";
import { loadConfig } from "../src/config.js";
import { listComuni } from "../src/knowledge/loadKnowledge.js";
import { createLogger } from "../src/logger.js";
import { messageActivity } from "./support/botServer.js";
import { copyKnowledge } from "./support/knowledgeCopy.js";
import { LOCALES_DIR } from "./support/realKnowledge.js";

interface ComuneHealth {
  comune: string;
  knowledgeVersion: string;
  lastReloadError: { at: string } | null;
}

const copy = copyKnowledge();
let app: App;
let base: string;

beforeAll(async () => {
  const config = loadConfig({ COMUNI: "cento,mezzago", KNOWLEDGE_DIR: copy.dir, LOCALES_DIR, INTERACTION_LOG_DIR: `${copy.dir}-log` }, listComuni);
  app = createApp(config, createLogger("silent"));
  await new Promise<void>((resolve) => app.server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => app.server.close(() => resolve()));
  await app.close();
  rmSync(copy.dir, { recursive: true, force: true });
  rmSync(`${copy.dir}-log`, { recursive: true, force: true });
});

const healthzText = async () => (await fetch(`${base}/healthz`)).text();

describe("a failed reload of one comune of several", () => {
  it("shows on /healthz for that comune only, and when, never what; both comuni go on answering", async () => {
    const before = (JSON.parse(await healthzText()) as { comuni: ComuneHealth[] }).comuni;
    appendFileSync(join(copy.dir, "mezzago", "profile.yaml"), "\nbroken: [not closed\n");

    let text = "";
    let after: ComuneHealth[] = before;
    const deadline = Date.now() + 15_000;
    while (Date.now() < deadline) {
      text = await healthzText();
      after = (JSON.parse(text) as { comuni: ComuneHealth[] }).comuni;
      if (after.find((c) => c.comune === "mezzago")?.lastReloadError) break;
      await sleep(100);
    }
    const [cento, mezzago] = after;
    expect(mezzago?.lastReloadError).toEqual({ at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/) });
    expect(mezzago?.knowledgeVersion).toBe(before[1]?.knowledgeVersion);
    expect(cento?.lastReloadError).toBeNull();
    for (const detail of ["profile.yaml", "riga", "line", copy.dir, "broken"]) expect(text).not.toContain(detail);

    for (const [comune, fact] of [["mezzago", "039 606761"], ["cento", "800 375 515"]] as const) {
      const res = await fetch(`${base}/api/messages/${comune}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(messageActivity("qual è il numero di telefono del comune?")),
      });
      expect(JSON.stringify(await res.json())).toContain(fact);
    }
  }, 30_000);
});
