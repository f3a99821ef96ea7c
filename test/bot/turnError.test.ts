import { Writable } from "node:stream";
import { TestAdapter, TurnContext } from "botbuilder";
import { pino } from "pino";
import { describe, expect, it } from "vitest";
import { createAdapter } from "../../src/bot/createAdapter.js";
import { NO_CREDENTIALS } from "../support/botServer.js";
import { realBundle } from "../support/realKnowledge.js";
import { fixedKnowledge } from "../../src/conversation/knowledgeBundle.js";

function capturedLogger() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { logger: pino({ level: "info" }, stream), lines };
}

describe("the turn-error handler", () => {
  it("logs the failure without the personal data an error message may quote", async () => {
    const { logger, lines } = capturedLogger();
    const adapter = createAdapter(NO_CREDENTIALS, fixedKnowledge(realBundle("cento")), logger);
    const sent: string[] = [];
    const context = new TurnContext(new TestAdapter(async () => undefined), { type: "message", channelId: "test", locale: "it-IT", text: "x" });
    context.onSendActivities(async (_ctx, activities) => {
      sent.push(...activities.map((a) => a.text ?? ""));
      return [];
    });
    await adapter.onTurnError(context, new Error("cannot parse «sono Mario Rossi, chiamatemi al 333 1234567, mario.rossi@example.com»"));
    const log = lines.join("");
    expect(log).toContain("turn failed");
    for (const secret of ["Mario", "Rossi", "333 1234567", "mario.rossi@example.com"]) expect(log).not.toContain(secret);
    expect(sent.join(" ")).toContain("112");
  });
});
