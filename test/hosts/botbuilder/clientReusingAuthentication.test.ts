import { describe, expect, it } from "vitest";
import type { Activity } from "botbuilder";
import { ClientReusingAuthentication } from "../../../src/hosts/botbuilder/clientReusingAuthentication.js";
import { MAX_REUSED_CLIENTS, ReusedClients } from "../../../src/hosts/botbuilder/reusedClients.js";
import { OPEN_MODE } from "../../../src/hosts/botAuthSettings.js";

const activity = (serviceUrl: string) => ({ type: "message", channelId: "webchat", serviceUrl, conversation: { id: "c" }, from: { id: "u" }, recipient: { id: "bot" } }) as unknown as Activity;

describe("ClientReusingAuthentication (open mode, the real botbuilder authentication)", () => {
  it("gives every turn to the same service URL the same connector client, and one per service URL", async () => {
    const auth = new ClientReusingAuthentication({ ...OPEN_MODE });
    const clientFor = async (serviceUrl: string) => {
      const { connectorFactory, audience } = await auth.authenticateRequest(activity(serviceUrl), "");
      return connectorFactory!.create(serviceUrl, audience);
    };
    const first = await clientFor("http://127.0.0.1:1/");
    expect(await clientFor("http://127.0.0.1:1/")).toBe(first);
    const other = await clientFor("http://127.0.0.1:2/");
    expect(other).not.toBe(first);
    expect(other.conversations).toBeDefined();
  });

  it("gives every turn of the same app the same user-token client", async () => {
    const auth = new ClientReusingAuthentication({ ...OPEN_MODE });
    const { claimsIdentity } = await auth.authenticateRequest(activity("http://127.0.0.1:1/"), "");
    const first = await auth.createUserTokenClient(claimsIdentity);
    expect(await auth.createUserTokenClient(claimsIdentity)).toBe(first);
  });

  it("still refuses a request whose token it cannot verify", async () => {
    const auth = new ClientReusingAuthentication({ MicrosoftAppId: "app", MicrosoftAppPassword: "secret", MicrosoftAppType: "MultiTenant", MicrosoftAppTenantId: "" });
    await expect(auth.authenticateRequest(activity("https://smba.trafficmanager.net/teams/"), "")).rejects.toThrow();
    await expect(auth.authenticateRequest(activity("https://smba.trafficmanager.net/teams/"), "Bearer not-a-token")).rejects.toThrow();
  });
});

describe("ReusedClients", () => {
  it("builds a client once per key", async () => {
    const clients = new ReusedClients<object>();
    let built = 0;
    const create = async () => ({ n: ++built });
    const a = await clients.get("a", create);
    expect(await clients.get("a", create)).toBe(a);
    expect(await clients.get("b", create)).not.toBe(a);
    expect(built).toBe(2);
  });

  it("keeps no failed creation: the next call builds again", async () => {
    const clients = new ReusedClients<string>();
    await expect(clients.get("a", async () => Promise.reject(new Error("token endpoint down")))).rejects.toThrow("token endpoint down");
    await Promise.resolve();
    expect(await clients.get("a", async () => "built")).toBe("built");
  });

  it("keeps at most MAX_REUSED_CLIENTS, whatever service URLs requests name", async () => {
    const clients = new ReusedClients<number>();
    for (let i = 0; i < MAX_REUSED_CLIENTS * 3; i++) await clients.get(`http://127.0.0.1:${i}/`, async () => i);
    expect(clients.size).toBeLessThanOrEqual(MAX_REUSED_CLIENTS);
  });
});
