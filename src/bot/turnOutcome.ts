/** Key under which a turn records what answered it (topic, entry, score) in the turn state. */
export const TURN_OUTCOME = Symbol("turnOutcome");
