import { join, resolve } from "node:path";
import { ConfigError } from "./configError.js";
import { createI18n } from "./i18n.js";
import { unknownComuneMessage } from "./knowledge/unknownComune.js";
import { DEFAULT_GRAPH_API_BASE_URL } from "./channels/messenger/graphApi.js";
import { storageConfigFromEnv, type StorageConfig } from "./storage/storageConfig.js";

/** One comune's own settings: its Azure Bot, its website chat, its Facebook page, its state and staff log. */
export interface ComuneConfig {
  readonly id: string;
  readonly botAuth: AppConfig["botAuth"];
  readonly openMode: boolean;
  readonly directLine: AppConfig["directLine"];
  readonly messenger: AppConfig["messenger"];
  /** the folder of this comune's staff log */
  readonly interactionsDir: string;
  /** put before every state key, so that two comuni's conversations never share a record ("" with one comune) */
  readonly statePrefix: string;
}

/** The bot's settings, read once at start-up from the environment (or .env). */
export interface AppConfig {
  readonly port: number;
  /** the comune served (with COMUNI: the first of them) */
  readonly comune: string;
  /**
   * every comune served, each with its own settings. With COMUNE (or neither) it is that one comune, on
   * the single-comune paths (`/api/messages`, `/`); with COMUNI each is on `/api/messages/<id>` and `/<id>/`.
   */
  readonly comuni: readonly ComuneConfig[];
  /** COMUNI was set: several comuni (or one) on per-comune paths */
  readonly multi: boolean;
  readonly knowledgeDir: string;
  readonly localesDir: string;
  readonly logLevel: string;
  readonly production: boolean;
  /** proxies in front of the bot whose X-Forwarded-For entry is believed (0: the socket's peer is the client) */
  readonly trustProxy: number;
  /** the SDK that hosts the conversation: botbuilder's CloudAdapter (default) or the Microsoft 365 Agents SDK */
  readonly botSdk: BotSdk;
  /** the first comune's credentials, as `botAuth`, `openMode`, `directLine`, `messenger` and `interactions.dir` below: with COMUNI read each comune's in `comuni` */
  readonly botAuth: {
    readonly MicrosoftAppId: string;
    readonly MicrosoftAppPassword: string;
    readonly MicrosoftAppType: string;
    readonly MicrosoftAppTenantId: string;
  };
  /** no Bot Framework credentials: requests are not authenticated (local use only) */
  readonly openMode: boolean;
  /** the JSON-lines log of questions, misses and feedback for staff, and how many days it is kept */
  readonly interactions: { readonly dir: string; readonly retentionDays: number };
  /** where conversation state lives (bounded memory, or Azure Blob Storage for several instances) */
  readonly storage: StorageConfig;
  /** Messenger: the page token used to hand conversations to staff (empty: no handover) */
  readonly messenger: { readonly pageAccessToken: string; readonly graphApiBaseUrl: string };
  /** the website widget's Direct Line service; an empty secret means the bot's local Direct Line serves the page */
  readonly directLine: {
    readonly secret: string;
    /** scheme and host of the Direct Line service, no trailing slash */
    readonly baseUrl: string;
    /** origins whose pages may ask for a chat token and frame the widget */
    readonly allowedOrigins: readonly string[];
  };
}

export { ConfigError };

export const BOT_SDKS = ["botbuilder", "agents"] as const;
export type BotSdk = (typeof BOT_SDKS)[number];

/** BOT_SDK: which SDK hosts the bot; the conversation, the state and the replies are the same on both. */
export function readBotSdk(value: string | undefined): BotSdk {
  const sdk = (value ?? "").trim().toLowerCase() || "botbuilder";
  if ((BOT_SDKS as readonly string[]).includes(sdk)) return sdk as BotSdk;
  throw new ConfigError(`BOT_SDK must be one of ${BOT_SDKS.join(", ")}, not "${value}". Leave it unset for botbuilder (Bot Framework SDK); "agents" runs on the Microsoft 365 Agents SDK.`);
}

const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"];
const APP_TYPES = ["MultiTenant", "SingleTenant", "UserAssignedMSI"];

/** The staff's Italian message for an unknown COMUNE; in English only when the locales cannot be read. */
function unknownComune(localesDir: string, details: { comune: string; known: readonly string[]; dir: string }): string {
  try {
    return unknownComuneMessage(createI18n(localesDir), "config", details);
  } catch {
    return `COMUNE "${details.comune}" has no knowledge in ${details.dir}. Known comuni: ${details.known.join(", ") || "none"}. Set COMUNE to one of them.`;
  }
}

/**
 * Builds the frozen configuration. `knownComuni` lists the comuni that have knowledge, so that an
 * unknown COMUNE stops start-up with the list of the known ones.
 */
export function loadConfig(env: NodeJS.ProcessEnv, listComuni: (knowledgeDir: string) => string[]): AppConfig {
  const knowledgeDir = resolve(env.KNOWLEDGE_DIR ?? "knowledge");
  const localesDir = resolve(env.LOCALES_DIR ?? "locales");
  const port = Number(env.PORT ?? 3978);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ConfigError(`PORT must be a port number between 0 and 65535, not "${env.PORT}".`);
  }
  const known = listComuni(knowledgeDir);
  const { ids, multi } = readComuni(env, known, knowledgeDir, localesDir);
  const logLevel = (env.LOG_LEVEL ?? "info").toLowerCase();
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(", ")}, not "${env.LOG_LEVEL}".`);
  }
  const production = readProduction(env.NODE_ENV);
  const trustProxy = readTrustProxy(env.TRUST_PROXY);
  const retentionDays = Number(env.INTERACTION_RETENTION_DAYS ?? 90);
  if (!Number.isInteger(retentionDays) || retentionDays < 1) {
    throw new ConfigError(`INTERACTION_RETENTION_DAYS must be a whole number of days, 1 or more, not "${env.INTERACTION_RETENTION_DAYS}".`);
  }
  const graphApiBaseUrl = (env.GRAPH_API_BASE_URL ?? "").trim() || DEFAULT_GRAPH_API_BASE_URL;
  if (!/^https?:\/\/[^\s?#]+$/.test(graphApiBaseUrl)) {
    throw new ConfigError(`GRAPH_API_BASE_URL must be an address such as ${DEFAULT_GRAPH_API_BASE_URL}, not "${graphApiBaseUrl}".`);
  }
  const interactionsDir = resolve(env.INTERACTION_LOG_DIR ?? "data/interactions");
  if (multi) refuseSharedSettings(env, ids);
  const comuni = ids.map((id) =>
    readComune(multi ? comuneSettings(env, id) : { read: (setting) => env[setting], name: (setting) => setting, shared: (setting) => env[setting] }, {
      id,
      production,
      graphApiBaseUrl,
      interactionsDir: multi ? join(interactionsDir, id) : interactionsDir,
      statePrefix: multi ? `${id}/` : "",
    }),
  );
  const first = comuni[0] as ComuneConfig;
  return Object.freeze({
    port,
    comune: first.id,
    comuni: Object.freeze(comuni),
    multi,
    knowledgeDir,
    localesDir,
    logLevel,
    production,
    trustProxy,
    botSdk: readBotSdk(env.BOT_SDK),
    botAuth: first.botAuth,
    openMode: first.openMode,
    directLine: first.directLine,
    storage: storageConfigFromEnv(env),
    interactions: Object.freeze({ dir: first.interactionsDir, retentionDays }),
    messenger: first.messenger,
  });
}

/** Which comuni to serve: COMUNE (one, on today's paths) or COMUNI (a list, or "all"), never both. */
function readComuni(env: NodeJS.ProcessEnv, known: string[], knowledgeDir: string, localesDir: string): { ids: string[]; multi: boolean } {
  const single = (env.COMUNE ?? "").trim();
  const several = (env.COMUNI ?? "").trim();
  const knownText = `Known comuni: ${known.join(", ") || "none"}.`;
  if (single !== "" && several !== "") {
    throw new ConfigError(
      `COMUNE and COMUNI are both set: use COMUNE for a deployment that serves one comune, or COMUNI (a comma-separated list, or "all") for several, not both. ${knownText}`,
    );
  }
  if (several === "") {
    const comune = (single || "cento").toLowerCase();
    if (!known.includes(comune)) {
      throw new ConfigError(unknownComune(localesDir, { comune, known, dir: knowledgeDir }));
    }
    return { ids: [comune], multi: false };
  }
  const ids =
    several.toLowerCase() === "all"
      ? known
      : [...new Set(several.split(",").map((id) => id.trim().toLowerCase()).filter((id) => id !== ""))];
  if (ids.length === 0) throw new ConfigError(`COMUNI lists no comune: set it to a comma-separated list of comuni, or "all". ${knownText}`);
  const unknown = ids.filter((id) => !known.includes(id));
  if (unknown.length > 0) {
    throw new ConfigError(`COMUNI names ${unknown.map((id) => `"${id}"`).join(", ")}, which ha${unknown.length === 1 ? "s" : "ve"} no knowledge in ${knowledgeDir}. ${knownText}`);
  }
  return { ids, multi: true };
}

/** Settings each comune has its own of when COMUNI is set, read as `<SETTING>__<id>`. */
export const PER_COMUNE_SETTINGS = [
  "MicrosoftAppId",
  "MicrosoftAppPassword",
  "MicrosoftAppType",
  "MicrosoftAppTenantId",
  "DIRECT_LINE_SECRET",
  "ALLOWED_ORIGINS",
  "FACEBOOK_PAGE_ACCESS_TOKEN",
] as const;

/** Settings that, unsuffixed, would belong to no comune in particular: with COMUNI they stop start-up. */
const NEVER_SHARED = ["MicrosoftAppId", "MicrosoftAppPassword", "DIRECT_LINE_SECRET", "ALLOWED_ORIGINS", "FACEBOOK_PAGE_ACCESS_TOKEN"] as const;

/**
 * The name of a comune's own setting: `MicrosoftAppId__cento`. A hyphen in the id becomes an underscore,
 * as App Service and shells accept only letters, digits and underscores in names.
 */
export function comuneSettingName(setting: string, id: string): string {
  return `${setting}__${id.replace(/[^A-Za-z0-9_]/g, "_")}`;
}

interface SettingReader {
  read(setting: string): string | undefined;
  /** the name the setting has in the environment, for error messages */
  name(setting: string): string;
  /** a setting every comune shares */
  shared(setting: string): string | undefined;
}

/** A comune's own settings; MicrosoftAppType and MicrosoftAppTenantId fall back to the shared ones. */
function comuneSettings(env: NodeJS.ProcessEnv, id: string): SettingReader {
  return {
    read: (setting) => env[comuneSettingName(setting, id)] ?? (setting === "MicrosoftAppType" || setting === "MicrosoftAppTenantId" ? env[setting] : undefined),
    name: (setting) => comuneSettingName(setting, id),
    shared: (setting) => env[setting],
  };
}

function refuseSharedSettings(env: NodeJS.ProcessEnv, ids: string[]): void {
  for (const setting of NEVER_SHARED) {
    if ((env[setting] ?? "").trim() !== "") {
      throw new ConfigError(
        `${setting} is set but COMUNI serves each comune with its own settings: set ${ids.map((id) => comuneSettingName(setting, id)).join(", ")} instead, and remove ${setting}.`,
      );
    }
  }
}

function readComune(
  settings: SettingReader,
  base: { id: string; production: boolean; graphApiBaseUrl: string; interactionsDir: string; statePrefix: string },
): ComuneConfig {
  const { name } = settings;
  const appType = settings.read("MicrosoftAppType") ?? "MultiTenant";
  if (!APP_TYPES.includes(appType)) {
    throw new ConfigError(`${name("MicrosoftAppType")} must be one of ${APP_TYPES.join(", ")}, not "${appType}".`);
  }
  const appId = settings.read("MicrosoftAppId") ?? "";
  const appPassword = settings.read("MicrosoftAppPassword") ?? "";
  if (base.production && appId === "") {
    throw new ConfigError(
      `NODE_ENV is production but ${name("MicrosoftAppId")} and ${name("MicrosoftAppPassword")} are empty: the bot would accept unauthenticated requests from anyone. Set the Azure Bot Service credentials (App Service settings), or leave NODE_ENV unset for local use.`,
    );
  }
  if (appId !== "" && appPassword === "" && appType !== "UserAssignedMSI") {
    throw new ConfigError(`${name("MicrosoftAppId")} is set but ${name("MicrosoftAppPassword")} is empty: set both, or neither for local use.`);
  }
  return Object.freeze({
    id: base.id,
    botAuth: Object.freeze({
      MicrosoftAppId: appId,
      MicrosoftAppPassword: appPassword,
      MicrosoftAppType: appType,
      MicrosoftAppTenantId: settings.read("MicrosoftAppTenantId") ?? "",
    }),
    openMode: appId === "",
    directLine: readDirectLine(settings, base.production),
    messenger: Object.freeze({ pageAccessToken: (settings.read("FACEBOOK_PAGE_ACCESS_TOKEN") ?? "").trim(), graphApiBaseUrl: base.graphApiBaseUrl }),
    interactionsDir: base.interactionsDir,
    statePrefix: base.statePrefix,
  });
}

const NODE_ENVS = ["production", "prod", "development", "test", ""];

/**
 * NODE_ENV, read forgivingly in its spelling (case, spaces, "prod") but strictly in its meaning: a value
 * that is none of the known ones stops start-up, because "Production " or "prd" silently read as
 * "not production" would start the bot open to anyone.
 */
function readProduction(raw: string | undefined): boolean {
  const value = (raw ?? "").trim().toLowerCase();
  if (!NODE_ENVS.includes(value)) {
    throw new ConfigError(
      `NODE_ENV must be production (or prod), development, test or empty, not "${raw}": set NODE_ENV=production on servers and leave it empty for local use.`,
    );
  }
  return value === "production" || value === "prod";
}

/** Most proxy hops TRUST_PROXY may name; more is a typo, not an architecture. */
const MAX_TRUST_PROXY = 10;

function readTrustProxy(raw: string | undefined): number {
  const text = (raw ?? "").trim();
  if (text === "") return 0;
  const hops = /^\d{1,2}$/.test(text) ? Number(text) : Number.NaN;
  if (!(hops >= 0 && hops <= MAX_TRUST_PROXY)) {
    throw new ConfigError(
      `TRUST_PROXY must be the number of proxies in front of the bot, 0 to ${MAX_TRUST_PROXY} (0 = none, 1 on Azure App Service), not "${raw}".`,
    );
  }
  return hops;
}

const DEFAULT_DIRECT_LINE_BASE_URL = "https://directline.botframework.com";

function readDirectLine(settings: SettingReader, production: boolean): AppConfig["directLine"] {
  const { name } = settings;
  const secret = (settings.read("DIRECT_LINE_SECRET") ?? "").trim();
  // One Direct Line service for every comune: its address is shared.
  const rawBase = (settings.shared("DIRECT_LINE_BASE_URL") ?? "").trim() || DEFAULT_DIRECT_LINE_BASE_URL;
  const base = parseUrl(rawBase);
  if (!base || !["http:", "https:"].includes(base.protocol) || base.search !== "" || base.hash !== "" || base.username !== "") {
    throw new ConfigError(
      `DIRECT_LINE_BASE_URL must be the address of the Direct Line service, such as ${DEFAULT_DIRECT_LINE_BASE_URL} or https://europe.directline.botframework.com, not "${rawBase}".`,
    );
  }
  if (production && base.protocol !== "https:") {
    throw new ConfigError(`DIRECT_LINE_BASE_URL must use https in production, not "${rawBase}": the Direct Line secret travels with every token request.`);
  }
  const allowedOrigins = (settings.read("ALLOWED_ORIGINS") ?? "")
    .split(",")
    .map((origin) => origin.trim())
    .filter((origin) => origin !== "");
  for (const origin of allowedOrigins) {
    if (parseUrl(origin)?.origin !== origin) {
      throw new ConfigError(
        `${name("ALLOWED_ORIGINS")} must be a comma-separated list of origins (scheme and host, no path or trailing slash), such as https://www.comune.cento.fe.it; "${origin}" is not one.`,
      );
    }
  }
  if (secret !== "" && allowedOrigins.length === 0) {
    throw new ConfigError(
      `${name("DIRECT_LINE_SECRET")} is set but ${name("ALLOWED_ORIGINS")} is empty: list the origins whose pages may open the chat (the bot's own public address and the comune website), e.g. ${name("ALLOWED_ORIGINS")}=https://bot.example.it,https://www.comune.cento.fe.it.`,
    );
  }
  return Object.freeze({ secret, baseUrl: base.href.replace(/\/+$/, ""), allowedOrigins: Object.freeze(allowedOrigins) });
}

function parseUrl(text: string): URL | undefined {
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}
