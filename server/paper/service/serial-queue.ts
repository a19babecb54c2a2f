/**
 * Runs async tasks one at a time, in the order they were queued. The paper engine is synchronous
 * but every change must be committed before the next command sees the engine, so commands,
 * market trades, snapshots and marks all pass through one queue.
 */
export class QueueClosedError extends Error {
  override name = 'QueueClosedError';
}

export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();
  private waiting = 0;
  private closed = false;

  /** Tasks queued or running. */
  get size(): number {
    return this.waiting;
  }

  /** Queues `task`; resolves or rejects with its outcome. Refused once the queue is closed. */
  run<T>(task: () => Promise<T> | T): Promise<T> {
    if (this.closed) return Promise.reject(new QueueClosedError('the paper account is closing'));
    this.waiting++;
    const result = this.tail.then(task).finally(() => {
      this.waiting--;
    });
    // A failed task must not stop the ones after it.
    this.tail = result.catch(() => undefined);
    return result;
  }

  /** Refuses new tasks and resolves once every queued task has finished. */
  async close(): Promise<void> {
    this.closed = true;
    await this.tail;
  }
}
