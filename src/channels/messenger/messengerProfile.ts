import type { i18n } from "i18next";
import type { Knowledge } from "../../knowledge/loadKnowledge.js";
import type { Language } from "../../text/stemWord.js";
import { postToGraph, type GraphApiOptions } from "./graphApi.js";
import { GET_STARTED_PAYLOAD } from "./normalizeIncoming.js";

/**
 * Limits of the Messenger Profile API (developers.facebook.com, Messenger Platform: "Greeting
 * Text", "Persistent Menu"): greeting 160 characters, up to 20 top-level menu items with titles of
 * 30 characters and payloads of 1000.
 */
export const PROFILE_LIMITS = Object.freeze({ greeting: 160, menuItems: 20, menuTitle: 30, payload: 1000 });

/** Messenger locales for the bot's languages: Italian is the page's default, English is en_US. */
const MESSENGER_LOCALES: ReadonlyArray<readonly [locale: string, language: Language]> = [
  ["default", "it"],
  ["en_US", "en"],
];

export interface MessengerProfile {
  readonly get_started: { readonly payload: string };
  readonly greeting: ReadonlyArray<{ readonly locale: string; readonly text: string }>;
  readonly persistent_menu: ReadonlyArray<{
    readonly locale: string;
    readonly composer_input_disabled: boolean;
    readonly call_to_actions: ReadonlyArray<{ readonly type: "postback"; readonly title: string; readonly payload: string }>;
  }>;
}

/** A profile that breaks a Messenger limit; the message says which text and how long it may be. */
export class MessengerProfileError extends Error {
  override readonly name = "MessengerProfileError";
}

/**
 * The Messenger profile of a comune's page: the Get Started button, the greeting (from
 * locales/{it,en}/messenger.json with the comune's name) and a persistent menu of the knowledge
 * entries that have a menu label, whose postback payload is the label itself, so that tapping an
 * item is the same as writing it.
 */
export function buildMessengerProfile(knowledge: Knowledge, i18n: i18n): MessengerProfile {
  const menuLabels = knowledge.entries.flatMap((e) => (e.menu ? [e.menu] : []));
  if (menuLabels.length > PROFILE_LIMITS.menuItems) {
    throw new MessengerProfileError(
      `${knowledge.comune}: ${menuLabels.length} entries have a menu label, Messenger's persistent menu takes at most ${PROFILE_LIMITS.menuItems}.`,
    );
  }
  const greeting = MESSENGER_LOCALES.map(([locale, language]) => {
    const text = String(
      i18n.t("greeting", { lng: language, ns: "messenger", name: knowledge.profile.name, emergency: knowledge.national.emergency?.number ?? "" }),
    );
    if (text.length > PROFILE_LIMITS.greeting) {
      throw new MessengerProfileError(
        `locales/${language}/messenger.json "greeting" is ${text.length} characters for ${knowledge.profile.name}; Messenger allows ${PROFILE_LIMITS.greeting}.`,
      );
    }
    return { locale, text };
  });
  const persistent_menu = MESSENGER_LOCALES.map(([locale, language]) => ({
    locale,
    composer_input_disabled: false,
    call_to_actions: menuLabels.map((labels) => ({
      type: "postback" as const,
      title: labels[language].slice(0, PROFILE_LIMITS.menuTitle),
      payload: labels[language],
    })),
  }));
  return { get_started: { payload: GET_STARTED_PAYLOAD }, greeting, persistent_menu };
}

/** Sets the page's Messenger profile: POST {base}/me/messenger_profile?access_token=… */
export async function setMessengerProfile(profile: MessengerProfile, options: GraphApiOptions): Promise<void> {
  await postToGraph("/me/messenger_profile", profile, options);
}
