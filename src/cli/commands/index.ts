import type { Command } from 'commander';
import type { CliIO } from '../io.js';
import { registerClean } from './clean.js';
import { registerDedup } from './dedup.js';
import { registerEnqueue } from './enqueue.js';
import { registerExport } from './export.js';
import { registerStatus } from './status.js';
import { registerWorker } from './worker.js';
import { registerCluster } from './cluster.js';
import { registerCrawl } from './crawl.js';
import { registerProcess } from './process.js';
import { registerSearch } from './search.js';
import { registerServe } from './serve.js';
import { registerStart } from './start.js';

/** A command registers itself; `setExit` sets the process exit code. */
export type Register = (program: Command, io: CliIO, setExit: (code: number) => void) => void;

/** Every CLI command, in the order `khabar --help` lists them. Add one line per command. */
export const COMMANDS: Register[] = [
  registerClean,
  registerDedup,
  registerCluster,
  registerCrawl,
  registerProcess,
  registerSearch,
  registerServe,
  registerStart,
  registerExport,
  registerEnqueue,
  registerWorker,
  registerStatus,
];
