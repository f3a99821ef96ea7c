import "dotenv/config";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { DEFAULT_GRAPH_API_BASE_URL, GraphApiError } from "../src/channels/messenger/graphApi.js";
import { buildMessengerProfile, MessengerProfileError, setMessengerProfile } from "../src/channels/messenger/messengerProfile.js";
import { comuneSettingName } from "../src/config.js";
import { createI18n } from "../src/i18n.js";
import { formatProblem } from "../src/knowledge/formatProblem.js";
import { KnowledgeLoadError } from "../src/knowledge/knowledgeProblem.js";
import { listComuni, loadKnowledge } from "../src/knowledge/loadKnowledge.js";
import { unknownComuneMessage } from "../src/knowledge/unknownComune.js";
import { runIfMain } from "../src/cli/runCli.js";

/**
 * npm run messenger:profile -- --comune cento [--dry-run]
 *
 * Sets the Facebook page's Messenger profile (Get Started button, greeting, persistent menu) from
 * the comune's knowledge and locales. Needs FACEBOOK_PAGE_ACCESS_TOKEN__<comune> (a deployment of several
 * comuni) or FACEBOOK_PAGE_ACCESS_TOKEN unless --dry-run, which
 * prints the JSON it would send. GRAPH_API_BASE_URL overrides the Graph API address and version.
 * The token is never printed. Exit code 0 when the profile is set (or printed), 1 when it is not.
 */
async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      comune: { type: "string", default: process.env.COMUNE ?? "cento" },
      "dry-run": { type: "boolean", default: false },
    },
  });
  const shownDir = process.env.KNOWLEDGE_DIR ?? "knowledge";
  const knowledgeDir = resolve(shownDir);
  const i18n = createI18n(resolve(process.env.LOCALES_DIR ?? "locales"));
  const comune = values.comune.trim().toLowerCase();
  const known = listComuni(knowledgeDir);
  if (!known.includes(comune)) return failed(unknownComuneMessage(i18n, "ask", { comune, known, dir: shownDir }));
  try {
    const profile = buildMessengerProfile(loadKnowledge(knowledgeDir, comune), i18n);
    if (values["dry-run"]) {
      console.log(JSON.stringify(profile, null, 2));
      return 0;
    }
    const own = comuneSettingName("FACEBOOK_PAGE_ACCESS_TOKEN", comune);
    const accessToken = process.env[own] || process.env.FACEBOOK_PAGE_ACCESS_TOKEN || "";
    if (!accessToken) return failed(`FACEBOOK_PAGE_ACCESS_TOKEN is empty, and so is ${own}: set one to the page access token (or use --dry-run to see the JSON).`);
    const baseUrl = process.env.GRAPH_API_BASE_URL || DEFAULT_GRAPH_API_BASE_URL;
    await setMessengerProfile(profile, { accessToken, baseUrl });
    console.error(`Messenger profile set for ${comune} through ${baseUrl}.`);
    return 0;
  } catch (error) {
    if (error instanceof KnowledgeLoadError) return failed("The knowledge files have errors:\n" + error.problems.map((p) => `- ${formatProblem(i18n, p)}`).join("\n"));
    if (error instanceof GraphApiError || error instanceof MessengerProfileError) return failed(error.message);
    throw error;
  }
}

function failed(message: string): number {
  console.error(message);
  return 1;
}

runIfMain(import.meta.url, main);
