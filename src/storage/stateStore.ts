/**
 * Where each conversation's state is kept between turns: the core's compact JSON under a key
 * (`<prefix><channel>/conversations/<id>`), with an eTag for optimistic concurrency. No SDK type crosses
 * this interface, so both hosts share one store and one format.
 */
export interface StateStore {
  /** The record under `key`, or undefined when there is none (or it has expired). */
  read(key: string): Promise<StoredState | undefined>;
  /**
   * Writes `state` under `key`. With `eTag`, only if the record still carries it (a {@link StateConflict}
   * otherwise); without, whatever is there. Returns the record's new eTag.
   */
  write(key: string, state: object, eTag?: string): Promise<string>;
  delete(key: string): Promise<void>;
}

/** A record as read: the state (as JSON parsed back, to be validated by its reader) and its eTag. */
export interface StoredState {
  readonly state: unknown;
  readonly eTag: string;
}

/** A write whose eTag no longer matches: another turn of the same conversation wrote first. */
export class StateConflict extends Error {
  override readonly name = "StateConflict";
  constructor(readonly key: string) {
    super(`The state under "${key.slice(0, 80)}" changed since it was read.`);
  }
}

/** A write larger than the store accepts for one conversation; nothing of it is stored. */
export class StateTooLarge extends Error {
  override readonly name = "StateTooLarge";
  constructor(
    readonly key: string,
    readonly bytes: number,
    readonly limit: number,
  ) {
    super(`The state under "${key.slice(0, 80)}" is about ${bytes} bytes, over the limit of ${limit}.`);
  }
}
