/** How long a scan keeps its thread's event loop waiting at most (ms). */
const BREATHE_MS = 4;

/**
 * Lets the event loop run when a scan has kept it waiting BREATHE_MS or more. The scan's loops only await
 * microtasks, so without this nothing else on the thread would run until the scan ends: the replies of the text
 * workers (engine/threads/pool.ts), and what runs beside a scan (the action's pull-request mode reads the base
 * commit with git and scans it while the head is scanned). One per scan: two scans on one thread each keep time.
 */
export class Breather {
  private last = performance.now();

  async breathe(): Promise<void> {
    if (performance.now() - this.last < BREATHE_MS) return;
    await new Promise<void>((resolve) => setImmediate(resolve));
    this.last = performance.now();
  }
}
