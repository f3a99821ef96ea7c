import { resolve } from "node:path";

/** The bot's settings, read once at start-up from the environment (or .env). */
export interface AppConfig {
  readonly port: number;
  readonly comune: string;
  readonly knowledgeDir: string;
  readonly localesDir: string;
  readonly logLevel: string;
  readonly production: boolean;
  readonly botAuth: {
    readonly MicrosoftAppId: string;
    readonly MicrosoftAppPassword: string;
    readonly MicrosoftAppType: string;
    readonly MicrosoftAppTenantId: string;
  };
  /** no Bot Framework credentials: requests are not authenticated (local use only) */
  readonly openMode: boolean;
}

/** A setting that is missing or wrong; its message says which and how to fix it. */
export class ConfigError extends Error {
  override readonly name = "ConfigError";
}

const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"];
const APP_TYPES = ["MultiTenant", "SingleTenant", "UserAssignedMSI"];

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
  const comune = (env.COMUNE ?? "cento").trim().toLowerCase();
  if (!known.includes(comune)) {
    throw new ConfigError(
      `COMUNE "${comune}" has no knowledge in ${knowledgeDir}. Known comuni: ${known.join(", ") || "none"}. Set COMUNE to one of them.`,
    );
  }
  const logLevel = (env.LOG_LEVEL ?? "info").toLowerCase();
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(", ")}, not "${env.LOG_LEVEL}".`);
  }
  const appType = env.MicrosoftAppType ?? "MultiTenant";
  if (!APP_TYPES.includes(appType)) {
    throw new ConfigError(`MicrosoftAppType must be one of ${APP_TYPES.join(", ")}, not "${appType}".`);
  }
  const appId = env.MicrosoftAppId ?? "";
  const appPassword = env.MicrosoftAppPassword ?? "";
  if (appId !== "" && appPassword === "" && appType !== "UserAssignedMSI") {
    throw new ConfigError("MicrosoftAppId is set but MicrosoftAppPassword is empty: set both, or neither for local use.");
  }
  return Object.freeze({
    port,
    comune,
    knowledgeDir,
    localesDir,
    logLevel,
    production: env.NODE_ENV === "production",
    botAuth: Object.freeze({
      MicrosoftAppId: appId,
      MicrosoftAppPassword: appPassword,
      MicrosoftAppType: appType,
      MicrosoftAppTenantId: env.MicrosoftAppTenantId ?? "",
    }),
    openMode: appId === "",
  });
}
