import { spawn } from "node:child_process";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, comuneSettingName, loadConfig } from "../src/config.js";
import { freePort } from "./support/freePort.js";

const KNOWN = ["cento", "mezzago"];
const load = (env: NodeJS.ProcessEnv) => loadConfig(env, () => KNOWN);
const ROOT = resolve(import.meta.dirname, "..");
const APP_ID = "00000000-0000-0000-0000-00000000c0de";

describe("COMUNE and COMUNI", () => {
  it("keeps COMUNE (or neither) as today: one comune, no prefix, the staff log in INTERACTION_LOG_DIR itself", () => {
    for (const env of [{}, { COMUNE: "mezzago" }]) {
      const config = load({ ...env, INTERACTION_LOG_DIR: "/tmp/logs" });
      expect(config.multi).toBe(false);
      expect(config.comuni).toHaveLength(1);
      expect(config.comuni[0]).toMatchObject({ id: config.comune, statePrefix: "", interactionsDir: "/tmp/logs" });
    }
    expect(load({}).comune).toBe("cento");
  });

  it("stops start-up when both are set, saying to choose one", () => {
    expect(() => load({ COMUNE: "cento", COMUNI: "cento,mezzago" })).toThrow(ConfigError);
    expect(() => load({ COMUNE: "cento", COMUNI: "cento,mezzago" })).toThrow(/^COMUNE and COMUNI are both set: use COMUNE .* or COMUNI .*not both/);
  });

  it("names the unknown comuni and the known ones", () => {
    expect(() => load({ COMUNI: "cento,bologna,milano" })).toThrow(/COMUNI names "bologna", "milano", which have no knowledge in .*Known comuni: cento, mezzago\./);
    expect(() => load({ COMUNE: "bologna" })).toThrow(/COMUNE «bologna»: non c'è una cartella con profile\.yaml in .*Comuni presenti: cento, mezzago\./);
    expect(() => load({ COMUNI: " , " })).toThrow(/COMUNI lists no comune/);
  });

  it('serves every known comune with COMUNI=all, each with its own state prefix and staff-log folder', () => {
    const config = load({ COMUNI: "all", INTERACTION_LOG_DIR: "/tmp/logs" });
    expect(config.multi).toBe(true);
    expect(config.comuni.map((c) => [c.id, c.statePrefix, c.interactionsDir])).toEqual([
      ["cento", "cento/", "/tmp/logs/cento"],
      ["mezzago", "mezzago/", "/tmp/logs/mezzago"],
    ]);
    expect(load({ COMUNI: "Mezzago, cento,mezzago" }).comuni.map((c) => c.id)).toEqual(["mezzago", "cento"]);
  });
});

describe("each comune's own settings (<SETTING>__<id>)", () => {
  it("reads credentials, Direct Line, allowed origins and Facebook page token per comune", () => {
    const config = load({
      COMUNI: "cento,mezzago",
      MicrosoftAppId__cento: APP_ID,
      MicrosoftAppPassword__cento: "secret-c",
      MicrosoftAppType: "SingleTenant",
      MicrosoftAppTenantId: "tenant-shared",
      MicrosoftAppTenantId__mezzago: "tenant-m",
      DIRECT_LINE_SECRET__mezzago: "dl-m",
      ALLOWED_ORIGINS__mezzago: "https://www.comune.mezzago.mb.it",
      FACEBOOK_PAGE_ACCESS_TOKEN__mezzago: "page-m",
    });
    const [cento, mezzago] = config.comuni;
    expect(cento).toMatchObject({
      openMode: false,
      botAuth: { MicrosoftAppId: APP_ID, MicrosoftAppPassword: "secret-c", MicrosoftAppType: "SingleTenant", MicrosoftAppTenantId: "tenant-shared" },
      directLine: { secret: "", allowedOrigins: [] },
      messenger: { pageAccessToken: "" },
    });
    expect(mezzago).toMatchObject({
      openMode: true,
      botAuth: { MicrosoftAppId: "", MicrosoftAppTenantId: "tenant-m" },
      directLine: { secret: "dl-m", allowedOrigins: ["https://www.comune.mezzago.mb.it"] },
      messenger: { pageAccessToken: "page-m" },
    });
    expect(Object.isFrozen(config.comuni)).toBe(true);
    expect(Object.isFrozen(mezzago)).toBe(true);
  });

  it("refuses to start in production unless every comune has its credentials, naming the missing setting", () => {
    const env = { NODE_ENV: "production", COMUNI: "cento,mezzago", MicrosoftAppId__cento: APP_ID, MicrosoftAppPassword__cento: "x" };
    expect(() => load(env)).toThrow(/^NODE_ENV is production but MicrosoftAppId__mezzago and MicrosoftAppPassword__mezzago are empty/);
    expect(load({ ...env, MicrosoftAppId__mezzago: APP_ID, MicrosoftAppPassword__mezzago: "y" }).comuni.every((c) => !c.openMode)).toBe(true);
  });

  it("names the comune's setting in every error", () => {
    expect(() => load({ COMUNI: "cento,mezzago", MicrosoftAppId__mezzago: APP_ID })).toThrow(
      /^MicrosoftAppId__mezzago is set but MicrosoftAppPassword__mezzago is empty/,
    );
    expect(() => load({ COMUNI: "cento,mezzago", DIRECT_LINE_SECRET__cento: "dl" })).toThrow(/^DIRECT_LINE_SECRET__cento is set but ALLOWED_ORIGINS__cento is empty/);
    expect(() => load({ COMUNI: "cento", ALLOWED_ORIGINS__cento: "https://x.it/" })).toThrow(/^ALLOWED_ORIGINS__cento must be a comma-separated list/);
    expect(() => load({ COMUNI: "cento", MicrosoftAppType__cento: "Other" })).toThrow(/^MicrosoftAppType__cento must be one of/);
  });

  it("refuses a comune-less credential with COMUNI, naming each comune's setting instead", () => {
    expect(() => load({ COMUNI: "cento,mezzago", MicrosoftAppId: APP_ID, MicrosoftAppPassword: "x" })).toThrow(
      /^MicrosoftAppId is set but COMUNI serves each comune with its own settings: set MicrosoftAppId__cento, MicrosoftAppId__mezzago instead/,
    );
    expect(() => load({ COMUNI: "cento", FACEBOOK_PAGE_ACCESS_TOKEN: "t" })).toThrow(/set FACEBOOK_PAGE_ACCESS_TOKEN__cento instead/);
    expect(() => load({ COMUNI: "cento,mezzago", ALLOWED_ORIGINS: "https://www.comune.cento.fe.it" })).toThrow(/set ALLOWED_ORIGINS__cento, ALLOWED_ORIGINS__mezzago instead/);
  });

  it("writes a hyphen of an id as an underscore in the setting name", () => {
    expect(comuneSettingName("MicrosoftAppId", "san-lazzaro")).toBe("MicrosoftAppId__san_lazzaro");
  });
});

/** The real server process (`node --import tsx src/index.ts`) with these settings. */
function startProcess(env: NodeJS.ProcessEnv) {
  const { COMUNE: _c, COMUNI: _cs, ...inherited } = process.env;
  const child = spawn(process.execPath, ["--import", "tsx", "src/index.ts"], {
    cwd: ROOT,
    env: { ...inherited, LOG_LEVEL: "warn", NODE_ENV: "test", ...env },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((done) => child.once("exit", (code) => done(code)));
  return { child, exited, stderr: () => stderr };
}

describe("the server process", () => {
  it("stops at start-up with a message when COMUNE and COMUNI are both set", async () => {
    const run = startProcess({ PORT: String(await freePort()), COMUNE: "cento", COMUNI: "cento,mezzago" });
    expect(await run.exited).toBe(1);
    expect(run.stderr()).toMatch(/Configuration error: COMUNE and COMUNI are both set/);
  }, 30_000);

  it("starts with COMUNI=all and lists every comune on /healthz", async () => {
    const port = await freePort();
    const run = startProcess({ PORT: String(port), COMUNI: "all", INTERACTION_LOG_DIR: resolve(ROOT, "test-artifacts/interactions-comuni") });
    try {
      let body: { comuni?: Array<{ comune: string }> } | undefined;
      const deadline = Date.now() + 20_000;
      while (!body && Date.now() < deadline) {
        body = await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.json() as Promise<typeof body>, () => undefined);
        if (!body) await new Promise((r) => setTimeout(r, 100));
      }
      expect(body?.comuni?.map((c) => c.comune), run.stderr()).toEqual(["cento", "mezzago"]);
    } finally {
      run.child.kill("SIGTERM");
      await run.exited;
    }
  }, 30_000);
});
