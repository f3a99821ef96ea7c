import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { KnowledgeLoadError } from "../../src/knowledge/knowledgeProblem.js";
import { KnowledgeWatcher } from "../../src/knowledge/watchKnowledge.js";
import { copyKnowledge } from "../support/knowledgeCopy.js";
import { i18n } from "../support/realKnowledge.js";
import { ZANZIBAR, memoryLogger } from "./hotReloadFixtures.js";

const watchers: KnowledgeWatcher[] = [];
afterEach(() => {
  for (const w of watchers.splice(0)) w.close();
});

/** Writes a file and waits for the reload it causes. */
async function edit(watcher: KnowledgeWatcher, write: () => void) {
  const reloaded = watcher.nextReload();
  write();
  return reloaded;
}

const answerTo = (watcher: KnowledgeWatcher, text: string) => {
  const result = watcher.current().router.route(text).result;
  return result.kind === "answer" ? result.entry.id : result.kind;
};

describe.each(["watch", "poll"] as const)("hot reload (%s)", (mode) => {
  function start() {
    const copy = copyKnowledge();
    const { logger, lines } = memoryLogger();
    const watcher = new KnowledgeWatcher({ root: copy.dir, comune: "cento", i18n, logger, mode, debounceMs: 100, pollIntervalMs: 100 });
    watchers.push(watcher);
    return { copy, watcher, lines };
  }

  it("serves a new version after a file changes", async () => {
    const { copy, watcher } = start();
    const before = watcher.status().version;
    expect(answerTo(watcher, "zanzibar")).toBe("fallback");

    const outcome = await edit(watcher, () => copy.write("cento/entries/zz-zanzibar.yaml", ZANZIBAR("Zanzibar è in Tanzania.")));
    expect(outcome.kind).toBe("loaded");
    expect(watcher.status().version).not.toBe(before);
    expect(answerTo(watcher, "zanzibar")).toBe("zanzibar");
  });

  it("keeps the old knowledge when a file breaks, names file and line, and recovers when it is fixed", async () => {
    const { copy, watcher, lines } = start();
    await edit(watcher, () => copy.write("cento/entries/zz-zanzibar.yaml", ZANZIBAR("Zanzibar è in Tanzania.")));
    const good = watcher.status().version;

    const broken = await edit(watcher, () =>
      copy.write("cento/entries/zz-zanzibar.yaml", ZANZIBAR("Zanzibar è in Tanzania.").replace("policy.contacts", "policy.contatti")),
    );
    expect(broken.kind).toBe("rejected");
    expect(watcher.status().version).toBe(good);
    expect(answerTo(watcher, "zanzibar")).toBe("zanzibar");
    expect(broken.kind === "rejected" && broken.problems).toEqual([expect.stringMatching(/^cento\/entries\/zz-zanzibar\.yaml, riga 3, colonna \d+: l'argomento/)]);
    const logged = lines.map((l) => JSON.parse(l) as { msg: string; problems?: string[] }).find((l) => l.problems);
    expect(logged?.msg).toContain("still serving the last good knowledge");
    expect(logged?.problems?.[0]).toContain("zz-zanzibar.yaml, riga 3");

    const fixed = await edit(watcher, () => copy.write("cento/entries/zz-zanzibar.yaml", ZANZIBAR("Zanzibar è un'isola.")));
    expect(fixed.kind).toBe("loaded");
    expect(watcher.status().lastError).toBeUndefined();
    expect(watcher.current().knowledge.entries.find((e) => e.id === "zanzibar")?.answer.it).toBe("Zanzibar è un'isola.");
  });
  it("reloads when the shared corpus or the emergency concepts change", async () => {
    const { copy, watcher } = start();
    const before = watcher.status().version;
    const corpus = await edit(watcher, () => copy.write("corpus/it/hours.yaml", `${copy.read("corpus/it/hours.yaml").trimEnd()}\n      - "a che ora risponde zanzibar?"\n`));
    expect(corpus.kind).toBe("loaded");
    expect(watcher.current().knowledge.corpus.get("hours")?.examples.it).toContain("a che ora risponde zanzibar?");

    const middle = watcher.status().version;
    expect(middle).not.toBe(before);
    const emergency = await edit(watcher, () => copy.write("emergency.yaml", `${copy.read("emergency.yaml")}\n# rivisto\n`));
    expect(emergency).toEqual({ kind: "loaded", version: expect.not.stringMatching(middle) });

    const defaults = await edit(watcher, () => copy.write("defaults/answers.yaml", copy.read("defaults/answers.yaml").replace("Sorry, I didn't understand", "Sorry, I did not understand")));
    expect(defaults.kind).toBe("loaded");
    expect(watcher.current().knowledge.entries.find((e) => e.id === "fallback")?.answer.en).toContain("Sorry, I did not understand");
  });

  it("refuses a file too large, or not UTF-8, by name in the log, and goes on answering", async () => {
    const { copy, watcher, lines } = start();
    await edit(watcher, () => copy.write("cento/entries/zz-zanzibar.yaml", ZANZIBAR("Zanzibar è in Tanzania.")));
    const good = watcher.status().version;

    const huge = await edit(watcher, () => copy.write("cento/entries/zz-huge.yaml", `# ${"x".repeat(2 * 1024 * 1024)}\nentries: []\n`));
    expect(huge).toEqual({ kind: "rejected", problems: [expect.stringMatching(/^cento\/entries\/zz-huge\.yaml: il file è di 2 MB, oltre il limite di 1 MB/)] });
    expect(watcher.status()).toEqual({ version: good, loadedAt: expect.any(String), lastError: { at: expect.any(String) } });
    expect(answerTo(watcher, "zanzibar")).toBe("zanzibar");

    const latin1 = await edit(watcher, () => {
      rmSync(join(copy.dir, "cento/entries/zz-huge.yaml"));
      writeFileSync(join(copy.dir, "cento/entries/zz-zanzibar.yaml"), Buffer.from(ZANZIBAR("Zanzibar è in Tanzania."), "latin1"));
    });
    expect(latin1).toEqual({ kind: "rejected", problems: [expect.stringMatching(/^cento\/entries\/zz-zanzibar\.yaml, riga 9, colonna 20: il file non è salvato in UTF-8/)] });
    expect(watcher.current().knowledge.entries.find((e) => e.id === "zanzibar")?.answer.it).toBe("Zanzibar è in Tanzania.");
    const logged = lines.map((l) => JSON.parse(l) as { problems?: string[] }).filter((l) => l.problems);
    expect(logged.map((l) => l.problems?.[0]?.split(":")[0])).toEqual(["cento/entries/zz-huge.yaml", "cento/entries/zz-zanzibar.yaml, riga 9, colonna 20"]);
  });
});

describe("starting on broken knowledge", () => {
  it("throws the problems, as loadKnowledge does", () => {
    const copy = copyKnowledge();
    copy.write("cento/entries/zz-zanzibar.yaml", "entries:\n  - id: [\n");
    const { logger } = memoryLogger();
    expect(() => new KnowledgeWatcher({ root: copy.dir, comune: "cento", i18n, logger })).toThrow(KnowledgeLoadError);
  });
});
