/** `khabar status --db postgres://… [--json]`: jobs, documents by outcome, workers seen (src/scale/status.ts). */
import { openScale } from '../../scale/open.js';
import { scaleStatus, statusLines } from '../../scale/status.js';
import type { Register } from './index.js';

export const registerStatus: Register = (program, io, setExit) => {
  program
    .command('status')
    .description('the scale-out queue: jobs, documents by outcome, workers seen in the last minute')
    .requiredOption('--db <url>', 'postgres:// URL')
    .option('--json', 'one JSON object')
    .action(async (flags: { db: string; json?: boolean }) => {
      const store = await openScale(flags.db);
      try {
        const s = await scaleStatus(store.pool);
        io.stdout.write(flags.json ? JSON.stringify(s, null, 2) + '\n' : statusLines(s).join('\n') + '\n');
        setExit(0);
      } finally {
        await store.close();
      }
    });
};
