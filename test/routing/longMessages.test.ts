import v8 from "node:v8";
import vm from "node:vm";
import { describe, expect, it } from "vitest";
import { realBundle } from "../support/realKnowledge.js";

v8.setFlagsFromString("--expose-gc");
const gc = vm.runInNewContext("gc") as () => void;
const heapUsed = () => {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
};

describe("routing keeps nothing of a long message", () => {
  it("keeps no message alive through the words it remembers", () => {
    const { router } = realBundle("cento");
    // Each message has words of its own, long enough that V8 would cut them as views into the message.
    const message = (n: number) => `${`segnalazionenumero${n}x comunicazioni${n}y `.repeat(4_000)} incendio in cucina`;
    router.route(message(0));
    const before = heapUsed();
    for (let n = 1; n <= 60; n++) expect(router.route(message(n)).result.topic).toBe("redirect.emergency");
    // 60 messages of 200,000 characters kept alive would be 9 MB or more (as measured before words were copied); the words are a few KB.
    expect((heapUsed() - before) / 2 ** 20).toBeLessThan(3);
  });
});

describe("a 200,000-character message that starts many signals at every word", () => {
  it.each([
    ["the first word of many signals", "mi ".repeat(66_000)],
    ["the first words of a signal, never finished", "mi hanno ".repeat(22_000)],
    ["a concept's first word", "non ".repeat(50_000)],
  ])("is routed without stalling: %s", (_, text) => {
    const started = performance.now();
    realBundle("cento").router.route(text);
    // A guard against trying every signal at every word, or every way to place its words (seconds); npm run bench measures the real cost.
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});
