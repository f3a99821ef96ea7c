import { ConfigError } from "../configError.js";

/** Where the bot keeps conversation and user state. */
export type StorageConfig =
  | { readonly kind: "memory" }
  | { readonly kind: "blob"; readonly connectionString: string; readonly container: string };

export const STORAGE_KINDS = ["memory", "blob"] as const;
export const DEFAULT_STORAGE_CONTAINER = "bot-state";

/**
 * Reads STORAGE, STORAGE_CONNECTION_STRING and STORAGE_CONTAINER. A wrong or missing setting throws a
 * `ConfigError` that names the variable and says how to fix it.
 */
export function storageConfigFromEnv(env: NodeJS.ProcessEnv): StorageConfig {
  const kind = (env.STORAGE ?? "").trim().toLowerCase() || "memory";
  if (kind === "memory") return Object.freeze({ kind });
  if (kind !== "blob") {
    throw new ConfigError(
      `STORAGE must be one of ${STORAGE_KINDS.join(", ")}, not "${env.STORAGE}". Use "memory" for one instance, "blob" (with STORAGE_CONNECTION_STRING) for several.`,
    );
  }
  const connectionString = (env.STORAGE_CONNECTION_STRING ?? "").trim();
  if (connectionString === "") {
    throw new ConfigError(
      'STORAGE is "blob" but STORAGE_CONNECTION_STRING is empty: set it to the Azure Storage account\'s connection string (Azure portal, Storage account > Access keys), or set STORAGE=memory.',
    );
  }
  const container = (env.STORAGE_CONTAINER ?? "").trim() || DEFAULT_STORAGE_CONTAINER;
  // Azure's container naming rule; a wrong name otherwise fails only at the first turn, with a 400.
  if (!/^(?=.{3,63}$)[a-z0-9]+(-[a-z0-9]+)*$/.test(container)) {
    throw new ConfigError(
      `STORAGE_CONTAINER "${container}" is not a valid container name: use 3 to 63 lowercase letters, digits and single hyphens, starting and ending with a letter or digit.`,
    );
  }
  return Object.freeze({ kind, connectionString, container });
}
