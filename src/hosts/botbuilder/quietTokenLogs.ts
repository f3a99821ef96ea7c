/**
 * botframework-connector's JwtTokenExtractor writes every rejected token to console.error (a stack
 * trace for an expired token, the public key for a bad signature). A rejected request must be one
 * line in our own log, so those two messages, and only those, are dropped. Called once by the
 * server's entry point (src/index.ts), never as a side effect of an import.
 */
export function quietRejectedTokenLogs(): void {
  const original = console.error.bind(console);
  console.error = (...args: unknown[]) => {
    const [first] = args;
    if (first instanceof Error && (first.name === "TokenExpiredError" || first.name === "JsonWebTokenError")) return;
    if (typeof first === "string" && first.startsWith("Error finding key for token")) return;
    original(...args);
  };
}
