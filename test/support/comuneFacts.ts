import type { Profile } from "../../src/knowledge/schema.js";
import { COMUNI, realBundle } from "./realKnowledge.js";

/** The host of a web address without "www.": "comune.cento.fe.it". */
const domainOf = (url: string) => new URL(url).hostname.replace(/^www\./, "");

/** The contacts a comune's replies give: its offices' e-mails and numbers, and its website's domain. */
export function ownContacts(profile: Profile): string[] {
  const offices = Object.values(profile.offices).flatMap((o) => [o.email, o.phone, o.freephone]);
  return [...offices, profile.website && domainOf(profile.website)].filter((fact): fact is string => fact !== undefined);
}

/**
 * What belongs to every other shipped comune, read from its profile: its name ("Cento" of "Comune di
 * Cento"), its offices' names, e-mails and numbers, its website's domain and its apps' names, except
 * what the comune's own profile has too (two comuni may both have an "Ufficio Segreteria").
 */
export function foreignFacts(comune: string): string[] {
  const own = new Set(profileFacts(realBundle(comune).knowledge.profile));
  return COMUNI.filter((other) => other !== comune).flatMap((other) => profileFacts(realBundle(other).knowledge.profile).filter((fact) => !own.has(fact)));
}

function profileFacts(profile: Profile): string[] {
  const offices = Object.values(profile.offices).flatMap((o) => [o.name.it, o.email, o.phone, o.freephone, o.fax]);
  const apps = Object.values(profile.apps ?? {}).map((app) => app.name);
  return [profile.name.replace(/^Comune di /i, ""), ...ownContacts(profile), ...offices, ...apps].filter((fact): fact is string => fact !== undefined);
}
