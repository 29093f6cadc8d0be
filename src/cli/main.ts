#!/usr/bin/env node
/**
 * The khabar CLI. Each command lives in src/cli/commands/<name>.ts and exports
 * `register(program, io)`. `main(argv, io)` runs in-process for tests.
 */
import { Command, CommanderError } from 'commander';
import { fileURLToPath } from 'node:url';
import { realpathSync } from 'node:fs';
import { KhabarError } from '../core/errors.js';
import { processIO, type CliIO } from './io.js';
import { COMMANDS } from './commands/index.js';

export async function main(argv: string[], io: CliIO = processIO): Promise<number> {
  const program = new Command('khabar')
    .description('Clean, deduplicate and cluster raw scraped Arabic news, and explain every decision.')
    .version('0.1.0')
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
    });
  let code = 0;
  for (const register of COMMANDS) register(program, io, (c) => (code = c));
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode;
    if (e instanceof KhabarError) {
      io.stderr.write(`khabar: ${e.code}: ${e.message}\n`);
      return 1;
    }
    throw e;
  }
  return code;
}

function isEntryPoint(): boolean {
  try {
    return realpathSync(process.argv[1] ?? '') === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isEntryPoint()) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e) => {
      process.stderr.write(`khabar: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
      process.exitCode = 2;
    },
  );
}
