/** A setting that is missing or wrong; its message says which and how to fix it. */
export class ConfigError extends Error {
  override readonly name = "ConfigError";
}
