import type { AppConfig } from "../config.js";

/** A comune's Azure Bot credentials, the standard MicrosoftApp* settings, read the same by both hosts. */
export type BotAuthSettings = AppConfig["botAuth"];

/** No credentials: open mode, for local use, the ask command, the benchmark and tests. */
export const OPEN_MODE: BotAuthSettings = Object.freeze({ MicrosoftAppId: "", MicrosoftAppPassword: "", MicrosoftAppType: "MultiTenant", MicrosoftAppTenantId: "" });
