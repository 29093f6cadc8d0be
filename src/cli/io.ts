/** Where a command writes: real process streams, or buffers in tests (`main(argv, io)`). */
export interface CliIO {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
}

export const processIO: CliIO = { stdout: process.stdout, stderr: process.stderr };

/** Collects output in memory for in-process CLI tests. */
export function memoryIO(): CliIO & { out: () => string; err: () => string } {
  const chunks = { out: [] as string[], err: [] as string[] };
  const sink = (arr: string[]) =>
    ({
      write(s: string | Uint8Array, ...rest: unknown[]) {
        arr.push(typeof s === 'string' ? s : Buffer.from(s).toString('utf8'));
        const cb = rest.find((x) => typeof x === 'function') as (() => void) | undefined;
        cb?.();
        return true;
      },
      on() {
        return this;
      },
      once() {
        return this;
      },
      end() {},
    }) as unknown as NodeJS.WritableStream;
  return {
    stdout: sink(chunks.out),
    stderr: sink(chunks.err),
    out: () => chunks.out.join(''),
    err: () => chunks.err.join(''),
  };
}
