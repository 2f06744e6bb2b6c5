/** The part of a stream the progress bar needs; `process.stderr` is one. */
export interface ProgressStream {
  isTTY?: boolean;
  columns?: number;
  write(text: string): unknown;
}

/** Shows how far a run is, on one line of a terminal, once it has taken longer than `delayMs`. */
export class ProgressBar {
  private total = 0;
  private done = 0;
  private startedAt = 0;
  private shown = false;

  constructor(
    private readonly stream: ProgressStream,
    private readonly now: () => number = () => performance.now(),
    private readonly delayMs = 1000,
  ) {}

  /** Whether anything will ever be drawn: only on a terminal. */
  get enabled(): boolean {
    return this.stream.isTTY === true;
  }

  start(total: number): void {
    this.total = total;
    this.done = 0;
    this.startedAt = this.now();
  }

  advance(count: number, label = ''): void {
    this.done += count;
    if (!this.enabled || this.now() - this.startedAt < this.delayMs) return;
    this.shown = true;
    this.stream.write(`\r${this.render(label)}\u001b[K`);
  }

  /** Clears the line so the report starts on a clean one. */
  finish(): void {
    if (this.shown) this.stream.write('\r\u001b[K');
    this.shown = false;
  }

  render(label: string): string {
    const width = 24;
    const ratio = this.total === 0 ? 1 : Math.min(1, this.done / this.total);
    const filled = Math.round(ratio * width);
    const bar = `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}]`;
    const counts = `${this.done}/${this.total} files`;
    const line = `${bar} ${counts}${label ? `  ${label}` : ''}`;
    const columns = this.stream.columns !== undefined && this.stream.columns > 0 ? this.stream.columns : 80;
    return line.length < columns ? line : line.slice(0, Math.max(0, columns - 1));
  }
}
