import { capUnderTheRealBot } from "./capUnderTheRealBot.js";

// npm run test:soak: 50,000 turns, each loading and saving its conversation, over a cap of 1,000.
capUnderTheRealBot(50_000, 1_000);
