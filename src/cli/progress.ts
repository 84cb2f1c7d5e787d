/**
 * A progress line on stderr for long jobs: count, rate, and a bar when the
 * total is known. Silent when stderr is not a terminal (CI, pipes, files), so
 * logs stay clean.
 */
export class Progress {
  private readonly tty: boolean;
  private readonly started = Date.now();
  private last = 0;
  private done = 0;

  constructor(
    private readonly label: string,
    private total: number | null = null,
    stream: NodeJS.WriteStream = process.stderr,
  ) {
    this.tty = Boolean(stream.isTTY) && !process.env.CI;
    this.stream = stream;
  }
  private readonly stream: NodeJS.WriteStream;

  setTotal(total: number | null): void {
    this.total = total;
  }

  tick(n = 1): void {
    this.done += n;
    if (!this.tty) return;
    const now = Date.now();
    if (now - this.last < 100) return;
    this.last = now;
    this.render();
  }

  update(done: number, total?: number): void {
    this.done = done;
    if (total !== undefined) this.total = total;
    this.tick(0);
  }

  private render(): void {
    const secs = (Date.now() - this.started) / 1000;
    const rate = secs > 0 ? this.done / secs : 0;
    let line = `${this.label} ${this.done}`;
    if (this.total) {
      const frac = Math.min(1, this.done / this.total);
      const width = 24;
      const fill = Math.round(frac * width);
      line = `${this.label} [${"█".repeat(fill)}${"░".repeat(width - fill)}] ${this.done}/${this.total} ${(frac * 100).toFixed(0)}%`;
      if (rate > 0 && this.done < this.total) line += ` eta ${Math.ceil((this.total - this.done) / rate)}s`;
    }
    line += ` ${rate.toFixed(rate < 10 ? 1 : 0)}/s`;
    this.stream.write(`\r\x1b[K${line}`);
  }

  /** Clear the line (the caller prints its own summary). */
  finish(): void {
    if (this.tty) this.stream.write("\r\x1b[K");
  }
}
