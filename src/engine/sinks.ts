/**
 * One event to every sink. A broken sink (a full disk for a report, a UI that threw) is reported
 * as a warning and must not take the measurement down with it.
 */
export function fanOut<E>(sinks: ReadonlyArray<(event: E) => void>): (event: E) => void {
  return (event) => {
    for (const sink of sinks) {
      try {
        sink(event);
      } catch (err) {
        process.emitWarning(`soundcheck sink failed: ${String(err)}`);
      }
    }
  };
}
