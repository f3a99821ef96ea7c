import { afterEach, describe, expect, it } from "vitest";
import type { InboundActivity } from "../../src/channels/activity.js";
import { messengerStaffHandover } from "../../src/channels/messenger/messengerHandover.js";
import { fixedClock } from "../../src/conversation/officeHours.js";
import { MemoryStateStore } from "../../src/storage/memoryStateStore.js";
import { graphStandIn } from "../channels/messenger/graphStandIn.js";
import { messengerFixture } from "../channels/messenger/messengerFixture.js";
import { seen, testBot, turn } from "../support/testBot.js";

const INSIDE_HOURS = "2026-11-24T10:00:00+01:00";
const OUTSIDE_HOURS = "2026-11-24T18:00:00+01:00";
let closeGraph: (() => Promise<void>) | undefined;

afterEach(async () => {
  await closeGraph?.();
  closeGraph = undefined;
});

/** The real bot, Messenger handover through a local stand-in for the Graph API. */
async function messengerBot(now: string, store = new MemoryStateStore()) {
  const graph = await graphStandIn(200, { success: true });
  closeGraph = graph.close;
  const handover = messengerStaffHandover({ accessToken: "page-token", baseUrl: graph.baseUrl }, () => undefined);
  // Azure's Facebook channel passes the Messenger user's locale (it_IT) on each activity.
  const { adapter } = testBot("cento", "it_IT", { clock: fixedClock(new Date(now)), handover, store, channelId: "facebook" });
  return { adapter, graph };
}

/** A Messenger message from the fixture's citizen, with another text. */
function says(text: string, conversation?: string): Partial<InboundActivity> {
  const activity = messengerFixture("text-message");
  return {
    ...activity,
    text,
    ...(conversation ? { conversation: { id: conversation }, from: { id: conversation, name: "" } } : {}),
    channelData: { ...(activity.channelData as object), message: { mid: "m_1", text } },
  };
}

describe("handover to staff on Messenger", () => {
  it("during monitored hours: says so, passes thread control to the Page Inbox, then stays silent until control returns", async () => {
    const { adapter, graph } = await messengerBot(INSIDE_HOURS);
    const handedOver = seen(await turn(adapter, says("voglio parlare con un operatore")));
    expect(handedOver).toMatch(/Ti sto passando a una persona dello staff del Comune di Cento/);
    expect(graph.received).toEqual([
      expect.objectContaining({ path: "/v24.0/me/pass_thread_control", token: "page-token", body: expect.objectContaining({ recipient: { id: "7141823956012345" }, target_app_id: "263902037430900" }) }),
    ]);
    expect(await turn(adapter, says("pronto? c'è qualcuno?"))).toHaveLength(0);
    const back = seen(await turn(adapter, messengerFixture("pass-thread-control-to-bot")));
    expect(back).toMatch(/Sono di nuovo io/);
    expect(seen(await turn(adapter, says("quali sono le regole dei commenti?")))).toMatch(/regol/i);
  });

  it("outside monitored hours: no handover, the hours and the contacts instead", async () => {
    const { adapter, graph } = await messengerBot(OUTSIDE_HOURS);
    const reply = seen(await turn(adapter, says("voglio parlare con un operatore")));
    expect(reply).toMatch(/non sono presidiati: riapriamo domani alle 9:00/);
    expect(reply).toMatch(/800 375 515/);
    expect(graph.received).toHaveLength(0);
  });

  it("goes silent when staff take the thread from the Page Inbox, and ignores standby echoes", async () => {
    const { adapter } = await messengerBot(INSIDE_HOURS);
    expect(await turn(adapter, messengerFixture("take-thread-control"))).toHaveLength(0);
    expect(await turn(adapter, messengerFixture("standby"))).toHaveLength(0);
    expect(await turn(adapter, says("ciao"))).toHaveLength(0);
  });

  it("never evicts a conversation in handover, however many others come", async () => {
    const storage = new MemoryStateStore({ maxEntries: 3 });
    const { adapter } = await messengerBot(INSIDE_HOURS, storage);
    await turn(adapter, says("voglio parlare con un operatore"));
    for (let i = 0; i < 20; i++) await turn(adapter, says("ciao", `other-${i}`));
    expect(storage.size).toBeLessThanOrEqual(3);
    expect(await turn(adapter, says("ci siete?"))).toHaveLength(0);
  });

  it("on the website, where there is no staff inbox, answers with hours and contacts", async () => {
    const { adapter } = testBot("mezzago", "it-IT", { clock: fixedClock(new Date(INSIDE_HOURS)), channelId: "webchat" });
    const reply = seen(await turn(adapter, { type: "message", text: "posso parlare con una persona?" }));
    expect(reply).toMatch(/presidiati, fino alle 13:00/);
    expect(reply).toMatch(/039 606761/);
  });
});

describe("Messenger buttons and Get Started", () => {
  it("answers Get Started with the welcome once", async () => {
    const { adapter } = await messengerBot(INSIDE_HOURS);
    const welcome = seen(await turn(adapter, messengerFixture("get-started")));
    expect(welcome).toMatch(/assistente automatico del Comune di Cento/);
  });

  it("treats a quick reply's payload as typed text", async () => {
    const { adapter } = await messengerBot(INSIDE_HOURS);
    const reply = seen(await turn(adapter, messengerFixture("quick-reply")));
    expect(reply.length).toBeGreaterThan(20);
  });
});

describe("the personal data reminder", () => {
  it("is added once per conversation when a message carries personal data", async () => {
    const { adapter } = testBot("cento");
    const first = seen(await turn(adapter, "sono Mario Rossi, il mio cellulare è 333 1234567: c'è una buca in via Roma 12"));
    expect(first).toMatch(/non scrivere dati personali/);
    const second = seen(await turn(adapter, "la mia mail è mario.rossi@example.com, ci sono anche rifiuti abbandonati"));
    expect(second).not.toMatch(/non scrivere dati personali/);
  });

  it("is not added when the message has none", async () => {
    const { adapter } = testBot("mezzago");
    expect(seen(await turn(adapter, "c'è una buca enorme davanti al municipio"))).not.toMatch(/dati personali/);
  });
});
