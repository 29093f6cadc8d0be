/**
 * `khabar serve [--db khabar.db] [--port 8080] [--host 127.0.0.1]`: the HTTP API
 * and the web UI. A taken port is said plainly, not as a stack trace.
 */
import { existsSync } from 'node:fs';
import { khabarError } from '../../core/errors.js';
import { buildApp } from '../../server/app.js';
import { isLoopbackHost } from '../../server/auth.js';
import { isPostgresUrl, openStore, storeLabel } from '../../store/index.js';
import type { CliIO } from '../io.js';
import type { Register } from './index.js';
import { DEFAULT_DB } from './process.js';

export const DEFAULT_PORT = 8080;
export const DEFAULT_HOST = '127.0.0.1';

export interface ServeFlags {
  db: string;
  port: string;
  host: string;
  quiet?: boolean;
  token?: string;
}

export const registerServe: Register = (program, io, setExit) => {
  program
    .command('serve')
    .description('serve the HTTP API (/api, OpenAPI at /api/docs) and the web UI')
    .option('--db <file|url>', 'SQLite database file or postgres:// URL', DEFAULT_DB)
    .option('-p, --port <port>', 'port', String(DEFAULT_PORT))
    .option('--host <host>', 'interface to listen on', DEFAULT_HOST)
    .option('-q, --quiet', 'log warnings only')
    .option('--token <token>', 'require Authorization: Bearer <token> on writes (POST); needed beyond loopback')
    .action(async (flags: ServeFlags) => {
      if (!isPostgresUrl(flags.db) && !existsSync(flags.db))
        throw khabarError('KHB_FILE_UNREADABLE', flags.db, 'no such database; run khabar process first');
      setExit(await serve(flags, io));
    });
};

/** Listens until SIGINT/SIGTERM; resolves with the exit code. */
export async function serve(flags: ServeFlags, io: CliIO): Promise<number> {
  const port = Number(flags.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw khabarError('KHB_BAD_INPUT', `--port ${flags.port} is not a port number`);
  const token = flags.token ?? process.env.KHABAR_TOKEN ?? null;
  // beyond loopback anyone on the network could write: writes need the token, else they are off
  const readOnly = !isLoopbackHost(flags.host) && !token;
  if (readOnly)
    io.stderr.write(
      `khabar: warning: listening on ${flags.host} (beyond loopback) without --token: POST /api/articles is refused; pass --token <secret> to allow writes\n`,
    );
  const store = await openStore(flags.db);
  const app = await buildApp({ store, logger: { level: flags.quiet ? 'warn' : 'info' }, token, readOnly });
  try {
    await app.listen({ port, host: flags.host });
  } catch (e) {
    await app.close();
    await store.close();
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') {
      io.stderr.write(
        `khabar: port ${port} on ${flags.host} is already in use; stop the other server or pass --port <another>\n`,
      );
      return 1;
    }
    if (code === 'EACCES') {
      io.stderr.write(`khabar: not allowed to listen on ${flags.host}:${port}; pick a port above 1024\n`);
      return 1;
    }
    throw e;
  }
  const addr = app.server.address();
  const shown =
    typeof addr === 'object' && addr
      ? `http://${flags.host.includes(':') ? `[${flags.host}]` : flags.host}:${addr.port}/`
      : String(addr);
  io.stdout.write(`khabar is serving ${storeLabel(flags.db)} at ${shown}  (API docs: ${shown}api/docs)\n`);
  await new Promise<void>((done) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      done();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  await app.close();
  await store.close();
  return 0;
}
