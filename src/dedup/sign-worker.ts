/**
 * The worker_threads side of workers.ts: signs the texts it is sent and
 * transfers the typed arrays back. Plain ESM with `.js` imports, so it runs as
 * compiled dist/ JS and, with tsx's loader, as TypeScript.
 */
import { parentPort } from 'node:worker_threads';
import { signTexts, transferables, type SignParams } from './sign.js';

export interface SignRequest {
  job: number;
  texts: string[];
  params: SignParams;
}

parentPort?.on('message', (msg: SignRequest) => {
  try {
    const batch = signTexts(msg.texts, msg.params);
    parentPort!.postMessage({ job: msg.job, batch }, transferables(batch));
  } catch (e) {
    parentPort!.postMessage({ job: msg.job, error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
  }
});
