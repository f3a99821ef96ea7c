import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../src/config.js";
import { clientKeyOf } from "../../src/limits/clientKey.js";

describe("the rate-limit key of a client address", () => {
  it.each([
    ["203.0.113.7", "203.0.113.7"],
    ["203.0.113.7:51234", "203.0.113.7"],
    [" 203.0.113.7 ", "203.0.113.7"],
    ["::ffff:203.0.113.7", "203.0.113.7"],
    ["[::ffff:203.0.113.7]:443", "203.0.113.7"],
    ["2001:db8:1:2:3:4:5:6", "2001:db8:1:2::/64"],
    ["2001:DB8:1:2::9", "2001:db8:1:2::/64"],
    ["[2001:db8:1:2::9]:8080", "2001:db8:1:2::/64"],
    ["[2001:db8:1:2::9]", "2001:db8:1:2::/64"],
    ["2001:db8:1:3::9", "2001:db8:1:3::/64"],
    ["::1", "::/64"],
  ])("%s counts as %s", (address, key) => {
    expect(clientKeyOf(address)).toBe(key);
  });

  it.each(["", "unknown", "203.0.113", "0x7f.1", "203.0.113.7:port", "1.2.3.4:5:6", undefined])("%j is no address", (address) => {
    expect(clientKeyOf(address)).toBeUndefined();
  });
});

describe("TRUST_PROXY", () => {
  const load = (env: NodeJS.ProcessEnv) => loadConfig(env, () => ["cento"]);

  it.each([
    [undefined, 0],
    ["", 0],
    ["0", 0],
    [" 1 ", 1],
    ["2", 2],
  ])("reads %j as %i trusted proxies", (value, hops) => {
    expect(load(value === undefined ? {} : { TRUST_PROXY: value }).trustProxy).toBe(hops);
  });

  it.each(["-1", "1.5", "true", "yes", "11", "1e1", "one"])("stops start-up on %j, naming the setting", (value) => {
    expect(() => load({ TRUST_PROXY: value })).toThrow(ConfigError);
    expect(() => load({ TRUST_PROXY: value })).toThrow(/^TRUST_PROXY must be the number of proxies in front of the bot/);
  });
});
