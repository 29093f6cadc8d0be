/** A progress bar on a TTY stderr (cli-progress); silent otherwise. */
import cliProgress from 'cli-progress';
import type { CliIO } from './io.js';

export interface Progress {
  start(total: number): void;
  tick(n?: number): void;
  stop(): void;
}

export function progressBar(io: CliIO, label: string): Progress {
  if (!io.stderr.isTTY) return { start() {}, tick() {}, stop() {} };
  const bar = new cliProgress.SingleBar(
    {
      stream: io.stderr as NodeJS.WriteStream,
      format: `${label} [{bar}] {percentage}% | {value}/{total} docs | {speed} docs/s | eta {eta_formatted}`,
      hideCursor: true,
      clearOnComplete: true,
    },
    cliProgress.Presets.shades_classic,
  );
  const t0 = Date.now();
  let value = 0;
  return {
    start: (total) => bar.start(total, 0, { speed: 0 }),
    tick: (n = 1) => {
      value += n;
      bar.update(value, { speed: Math.round(value / Math.max(0.001, (Date.now() - t0) / 1000)) });
    },
    stop: () => bar.stop(),
  };
}
