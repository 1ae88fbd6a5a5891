// A live progress line on a TTY (done/total, success so far, ETA); plain lines otherwise.
export class ProgressBar {
  private start = performance.now();
  private last = '';
  private readonly total: number;
  private readonly stream: NodeJS.WriteStream;
  constructor(total: number, stream: NodeJS.WriteStream = process.stderr) {
    this.total = total;
    this.stream = stream;
  }

  update(done: number, succeeded: number, label = ''): void {
    const width = 28;
    const frac = this.total === 0 ? 1 : done / this.total;
    const filled = Math.round(frac * width);
    const elapsed = (performance.now() - this.start) / 1000;
    const eta = done === 0 ? '?' : `${Math.max(0, Math.round((elapsed / done) * (this.total - done)))}s`;
    const rate = done === 0 ? 0 : succeeded / done;
    const line = `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${this.total}  success ${(rate * 100).toFixed(0)}%  ETA ${eta}  ${label}`;
    this.last = line.slice(0, (this.stream.columns ?? 100) - 1);
    this.stream.write(`\r\x1b[K${this.last}`);
  }

  /** Prints a line above the bar without losing it. */
  note(text: string): void {
    this.stream.write(`\r\x1b[K${text}\n${this.last}`);
  }

  finish(): void {
    this.stream.write('\r\x1b[K');
  }
}
