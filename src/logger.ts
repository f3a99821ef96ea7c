import { pino, type Logger } from "pino";

/**
 * JSON log lines on stderr, so that stdout stays free for the ask command's output. Fields that
 * may carry what citizens typed are censored wherever they appear.
 */
export function createLogger(level: string): Logger {
  return pino(
    {
      level,
      base: { service: "comune-social-bot" },
      redact: { paths: ["text", "*.text", "activity.text", "req.body", "body"], censor: "[redacted]" },
    },
    pino.destination(2),
  );
}

export type { Logger };
