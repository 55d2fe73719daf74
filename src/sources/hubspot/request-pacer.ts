// Keeps requests under HubSpot's limits before HubSpot has to refuse them: at most `per10s` requests
// in any 10 seconds, and at most `searchesPerSecond` searches in any second.
export class RequestPacer {
  private readonly sent: number[] = [];
  private readonly searches: number[] = [];
  /** The most requests sent in any 10 seconds so far, for the benchmark. */
  busiest10s = 0;

  constructor(
    private readonly per10s: number,
    private readonly searchesPerSecond = 4,
    private readonly now: () => number = () => Date.now(),
    private readonly sleep: (ms: number) => Promise<void> = (ms) =>
      new Promise((done) => setTimeout(done, ms)),
  ) {}

  /** Waits until one more request (a search when `search`) stays within both limits. */
  async take(search: boolean): Promise<void> {
    for (;;) {
      const now = this.now();
      const wait = Math.max(
        waitFor(this.sent, now, 10_000, this.per10s),
        search ? waitFor(this.searches, now, 1_000, this.searchesPerSecond) : 0,
      );
      if (wait <= 0) break;
      await this.sleep(wait);
    }
    const now = this.now();
    this.sent.push(now);
    if (search) this.searches.push(now);
    this.busiest10s = Math.max(this.busiest10s, this.sent.length);
  }
}

/** How long until a window of `span` ms holds fewer than `max` times; drops times that left it. */
function waitFor(times: number[], now: number, span: number, max: number): number {
  while (times.length > 0 && (times[0] as number) <= now - span) times.shift();
  return times.length < max ? 0 : (times[0] as number) + span - now;
}
