import type { AppConfig } from "../config.js";

/** A comune's Azure Bot credentials, the standard MicrosoftApp* settings, read the same by both hosts. */
export type BotAuthSettings = AppConfig["botAuth"];
