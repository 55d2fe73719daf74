// Yields to the event loop after an ack, so requests already waiting are acknowledged before this
// one's slower work starts: under a burst of commands every ack stays fast.
export function afterAck(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
