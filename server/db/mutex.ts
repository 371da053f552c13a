/** Releases a lock taken with {@link Mutex.lock}; calling it twice is harmless. */
export type Unlock = () => void;

/** A minimal FIFO async lock: each `lock()` waits until every earlier holder has unlocked. */
export class Mutex {
  #tail: Promise<void> = Promise.resolve();

  /** Waits for the lock and returns the function that gives it back. */
  async lock(): Promise<Unlock> {
    let unlock: Unlock = () => undefined;
    const released = new Promise<void>((resolve) => {
      unlock = () => resolve();
    });
    const previous = this.#tail;
    this.#tail = previous.then(() => released);
    await previous;
    return unlock;
  }
}
