import type { i18n } from "i18next";
import type { Language } from "../text/stemWord.js";

/** The tool that was asked for a comune: each message says how to pick another one there. */
export type ComuneAskedBy = "check" | "ask" | "config";

/**
 * The sentence staff read when a comune has no folder with a profile under the knowledge root:
 * in Italian unless asked otherwise, with the comuni that are there.
 */
export function unknownComuneMessage(
  instance: i18n,
  askedBy: ComuneAskedBy,
  details: { comune: string; known: readonly string[]; dir: string },
  language: Language = "it",
): string {
  const t = instance.getFixedT(language, "knowledge");
  const known = details.known.length > 0 ? details.known.join(", ") : String(t("unknownComune.none"));
  return String(t(`unknownComune.${askedBy}`, { comune: details.comune, dir: details.dir, known }));
}
