/**
 * Schedules work for just after the browser's next frame, as a task of its own.
 *
 * Applying a feed batch inside requestAnimationFrame would put React's render and commit in the
 * same task as the style, layout and paint of that frame: one long task, during which no input can
 * be handled. Posted from the frame callback, the apply runs right after the frame instead, and the
 * DOM it changes is painted by the next frame: two shorter tasks with input in between, at the cost
 * of up to one frame of latency. Hidden tabs still get nothing, since they get no frames.
 */

/** Calls `callback` in a task after the next animation frame. */
export function afterNextFrame(callback: () => void): void {
  requestAnimationFrame(() => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      callback();
    };
    channel.port2.postMessage(null);
  });
}
