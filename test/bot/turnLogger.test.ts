import { Writable } from "node:stream";
import { ConversationState, MemoryStorage, TestAdapter } from "botbuilder";
import { pino } from "pino";
import { describe, expect, it } from "vitest";
import { CitizenBot } from "../../src/bot/citizenBot.js";
import { TurnLogger } from "../../src/bot/turnLogger.js";
import { fixedKnowledge } from "../../src/conversation/knowledgeBundle.js";
import { realBundle } from "../support/realKnowledge.js";

function capturedLogger() {
  const lines: Array<Record<string, unknown>> = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      callback();
    },
  });
  return { logger: pino({ level: "info" }, stream), lines };
}

describe("TurnLogger", () => {
  it("writes one line per turn with topic, entry, score and latency, and nothing the citizen typed", async () => {
    const { logger, lines } = capturedLogger();
    const bot = new CitizenBot(fixedKnowledge(realBundle("cento")), new ConversationState(new MemoryStorage()));
    const adapter = new TestAdapter(async (context) => bot.run(context)).use(new TurnLogger(logger, "salt"));
    const text = "sono Mario Rossi, tel 333 1234567, mi hanno rubato la bici in via Roma 12";
    await adapter.send(text).startTest();
    await new Promise((resolve) => setImmediate(resolve));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ msg: "turn", topic: "redirect.crime", entry: expect.any(String), channel: "test" });
    expect(lines[0]!.latencyMs).toEqual(expect.any(Number));
    expect(lines[0]!.conversation).toMatch(/^[0-9a-f]{16}$/);
    const raw = JSON.stringify(lines);
    for (const secret of ["Mario", "Rossi", "333", "1234567", "via Roma", "bici", "Convo1"]) expect(raw).not.toContain(secret);
  });
});
