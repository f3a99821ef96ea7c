import { execFile } from "node:child_process";
import { resolve } from "node:path";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { GraphApiError } from "../../../src/channels/messenger/graphApi.js";
import { buildMessengerProfile, PROFILE_LIMITS, setMessengerProfile, type MessengerProfile } from "../../../src/channels/messenger/messengerProfile.js";
import { GET_STARTED_PAYLOAD } from "../../../src/channels/messenger/normalizeIncoming.js";
import { COMUNI, i18n, realBundle } from "../../support/realKnowledge.js";
import { graphStandIn, graphStandIns } from "./graphStandIn.js";

const ROOT = resolve(import.meta.dirname, "../../..");
const run = promisify(execFile);

describe.each(COMUNI)("When the Messenger profile of %s is built", (comune) => {
  const { knowledge, composer } = realBundle(comune);
  const profile = buildMessengerProfile(knowledge, i18n);

  it("has the Get Started button", () => {
    expect(profile.get_started).toEqual({ payload: GET_STARTED_PAYLOAD });
  });

  it("greets in Italian by default and in English for en_US, with the comune's name, within 160 characters", () => {
    expect(profile.greeting.map((g) => g.locale)).toEqual(["default", "en_US"]);
    for (const { text } of profile.greeting) {
      expect(text).toContain(knowledge.profile.name);
      expect(text.length).toBeLessThanOrEqual(PROFILE_LIMITS.greeting);
    }
    expect(profile.greeting[0]?.text).toBe(i18n.t("greeting", { lng: "it", ns: "messenger", name: knowledge.profile.name, emergency: "112" }));
  });

  it("has the knowledge menu as postbacks whose payload is the label, in both languages", () => {
    expect(profile.persistent_menu.map((m) => m.locale)).toEqual(["default", "en_US"]);
    const [italian, english] = profile.persistent_menu;
    expect(italian?.call_to_actions.map((a) => a.payload)).toEqual(composer.menu("it").items.map((i) => i.text));
    expect(english?.call_to_actions.map((a) => a.payload)).toEqual(composer.menu("en").items.map((i) => i.text));
    for (const menu of profile.persistent_menu) {
      expect(menu.composer_input_disabled).toBe(false);
      expect(menu.call_to_actions.length).toBeGreaterThan(0);
      expect(menu.call_to_actions.length).toBeLessThanOrEqual(PROFILE_LIMITS.menuItems);
      for (const action of menu.call_to_actions) {
        expect(action).toEqual({ type: "postback", title: action.payload, payload: action.payload });
        expect(action.title.length).toBeLessThanOrEqual(PROFILE_LIMITS.menuTitle);
      }
    }
  });
});

describe("When the profile is sent to the Graph API", () => {
  const standIn = graphStandIns();

  const profile: MessengerProfile = buildMessengerProfile(realBundle("cento").knowledge, i18n);

  it("POSTs it to /me/messenger_profile with the token in the query", async () => {
    const { baseUrl, received } = await standIn(200, { result: "success" });
    await setMessengerProfile(profile, { accessToken: "PAGE-TOKEN-3", baseUrl });
    expect(received).toEqual([{ method: "POST", path: "/v24.0/me/messenger_profile", token: "PAGE-TOKEN-3", body: profile }]);
  });

  it("reports the Graph API's error", async () => {
    const { baseUrl } = await standIn(401, { error: { message: "Invalid OAuth access token.", code: 190 } });
    const failure = await setMessengerProfile(profile, { accessToken: "PAGE-TOKEN-4", baseUrl }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(GraphApiError);
    expect(failure).toMatchObject({ status: 401, message: "/me/messenger_profile: the Graph API answered 401 (Invalid OAuth access token.)" });
  });

  it("refuses an empty token without calling", async () => {
    const { baseUrl, received } = await standIn(200, {});
    await expect(setMessengerProfile(profile, { accessToken: "", baseUrl })).rejects.toThrow(/access token is empty/);
    expect(received).toEqual([]);
  });
});

describe("When npm run messenger:profile runs", () => {
  let close: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await close?.();
    close = undefined;
  });

  // Every setting is given explicitly, so that a developer's .env (read by the script) cannot
  // point a test at the real Graph API or at other knowledge.
  const script = (args: string[], env: Record<string, string>) =>
    run(process.execPath, ["--import", "tsx", "scripts/messengerProfile.ts", ...args], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? "",
        HOME: process.env.HOME ?? "",
        KNOWLEDGE_DIR: resolve(ROOT, "knowledge"),
        LOCALES_DIR: resolve(ROOT, "locales"),
        FACEBOOK_PAGE_ACCESS_TOKEN: "",
        GRAPH_API_BASE_URL: "http://127.0.0.1:9/unreachable",
        ...env,
      },
    });

  it("--dry-run prints the JSON it would send, without a token", async () => {
    const { stdout } = await script(["--comune", "mezzago", "--dry-run"], {});
    expect(JSON.parse(stdout)).toEqual(buildMessengerProfile(realBundle("mezzago").knowledge, i18n));
  });

  it("sends the profile with FACEBOOK_PAGE_ACCESS_TOKEN and never prints the token", async () => {
    const graph = await graphStandIn(200, { result: "success" });
    close = graph.close;
    const { stdout, stderr } = await script(["--comune", "cento"], { FACEBOOK_PAGE_ACCESS_TOKEN: "SECRET-PAGE-TOKEN", GRAPH_API_BASE_URL: graph.baseUrl });
    expect(graph.received).toHaveLength(1);
    expect(graph.received[0]?.token).toBe("SECRET-PAGE-TOKEN");
    expect(graph.received[0]?.body).toEqual(buildMessengerProfile(realBundle("cento").knowledge, i18n));
    expect(`${stdout}${stderr}`).not.toContain("SECRET-PAGE-TOKEN");
  });

  it("sends a comune's profile with its own FACEBOOK_PAGE_ACCESS_TOKEN__<id> of a several-comuni deployment", async () => {
    const graph = await graphStandIn(200, { result: "success" });
    close = graph.close;
    await script(["--comune", "mezzago"], { FACEBOOK_PAGE_ACCESS_TOKEN__cento: "CENTO-TOKEN", FACEBOOK_PAGE_ACCESS_TOKEN__mezzago: "MEZZAGO-TOKEN", GRAPH_API_BASE_URL: graph.baseUrl });
    expect(graph.received.map((r) => r.token)).toEqual(["MEZZAGO-TOKEN"]);
    expect(graph.received[0]?.body).toEqual(buildMessengerProfile(realBundle("mezzago").knowledge, i18n));
  });

  it("stops with a clear message when the token is missing", async () => {
    const graph = await graphStandIn(200, { result: "success" });
    close = graph.close;
    const failure: unknown = await script(["--comune", "cento"], { GRAPH_API_BASE_URL: graph.baseUrl }).catch((e: unknown) => e);
    expect(failure).toMatchObject({ code: 1, stderr: expect.stringContaining("FACEBOOK_PAGE_ACCESS_TOKEN is empty") });
    expect(graph.received).toEqual([]);
  });

  it("stops with the list of comuni for an unknown one, in the words of the other tools", async () => {
    const failure: unknown = await script(["--comune", "atlantide", "--dry-run"], {}).catch((e: unknown) => e);
    expect(failure).toMatchObject({
      code: 1,
      stderr: expect.stringContaining(`Il comune «atlantide» non ha una cartella con profile.yaml in ${resolve(ROOT, "knowledge")}. Comuni presenti: cento, mezzago. Usa --comune`),
    });
  });
});
