import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import type { Activity } from "botbuilder";

/** A Messenger-shaped activity as Azure Bot Service's Facebook channel delivers it, from test/fixtures/messenger. */
export function messengerFixture(name: string): Partial<Activity> {
  return JSON.parse(readFileSync(resolve(import.meta.dirname, "../../fixtures/messenger", `${name}.json`), "utf8")) as Partial<Activity>;
}
