/** One line per build step, with what it made and how long it took (or that the cache had it). */
export class Progress {
  constructor(private readonly out: (line: string) => void = (l) => process.stderr.write(l + "\n")) {}

  async step<T extends { hit?: boolean }>(tool: string, what: string, run: () => Promise<T>): Promise<T> {
    const start = performance.now();
    const result = await run();
    const ms = performance.now() - start;
    const how = result.hit ? "cached" : `${(ms / 1000).toFixed(2)} s`;
    this.out(`  ${tool.padEnd(7)} ${what.padEnd(44)} ${how}`);
    return result;
  }

  note(line: string): void {
    this.out(line);
  }
}
