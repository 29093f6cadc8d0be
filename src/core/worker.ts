/**
 * Starting a worker_threads worker that lives next to the calling module: the compiled `<name>.js` when
 * the caller runs as compiled dist/ JS, or `<name>.ts` loaded through tsx's `tsImport` when the caller is
 * itself TypeScript (tsx, vitest). A .ts worker cannot rely on `--import tsx` in execArgv: Node 20
 * resolves the worker's entry before the loader's hooks are ready (ERR_UNKNOWN_FILE_EXTENSION), so it
 * starts from a tiny eval script instead.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker, type ResourceLimits } from 'node:worker_threads';

/** `callerUrl` is the caller's `import.meta.url`; `name` the worker module's file name without extension. */
export function startSiblingWorker(callerUrl: string, name: string, resourceLimits?: ResourceLimits): Worker {
  if (!callerUrl.endsWith('.ts')) return new Worker(new URL(`./${name}.js`, callerUrl), { resourceLimits });
  const tsxDir = dirname(createRequire(callerUrl).resolve('tsx/package.json'));
  const api = pathToFileURL(join(tsxDir, 'dist/esm/api/index.mjs')).href;
  const entry = new URL(`./${name}.ts`, callerUrl).href;
  const boot = `import(${JSON.stringify(api)}).then((tsx) => tsx.tsImport(${JSON.stringify(entry)}, ${JSON.stringify(callerUrl)}))`;
  return new Worker(boot, { eval: true, execArgv: [], resourceLimits });
}
