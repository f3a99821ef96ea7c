/**
 * The baseline of the HTTP benchmark: the same stack as the bot (restify, the same body parser,
 * CloudAdapter in open mode) with a bare ActivityHandler that sends the text back. No middleware,
 * no state, no dialogs: what is left is the cost of the transport and the SDK.
 * Prints {"port": n} on stdout once listening.
 */
import { ActivityHandler, CloudAdapter, ConfigurationBotFrameworkAuthentication } from "botbuilder";
import restify, { type Request, type Response } from "restify";
import { MAX_BODY_BYTES } from "../src/hosts/http/server.js";

class EchoBot extends ActivityHandler {
  constructor() {
    super();
    this.onMessage(async (context, next) => {
      await context.sendActivity(context.activity.text ?? "");
      await next();
    });
  }
}

const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
const bot = new EchoBot();
const server = restify.createServer({ name: "echo-bot", handleUncaughtExceptions: false });
server.use(restify.plugins.bodyParser({ maxBodySize: MAX_BODY_BYTES, mapParams: false, rejectUnknown: true }));
server.post("/api/messages", async (req: Request, res: Response) => {
  await adapter.process(req, res, (context) => bot.run(context));
});
server.listen(Number(process.env.PORT ?? 0), "127.0.0.1", () => {
  const address = server.address();
  process.stdout.write(`${JSON.stringify({ port: address.port })}\n`);
});
