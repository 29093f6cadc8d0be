/**
 * Where the labelled real development sets live: ../shared/eval-dev beside the checkout, or wherever
 * KHABAR_EVAL_DEV points. They are third-party text, read from there and never copied into the repo.
 * A gate that needs them fails, naming where it looked, when they are missing.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const EVAL_DEV = resolve(process.env.KHABAR_EVAL_DEV ?? join(process.cwd(), '..', 'shared', 'eval-dev'));

export function evalDevFile(name: string): string {
  const p = join(EVAL_DEV, name);
  if (!existsSync(p)) throw new Error(`${p} is missing: put eval-dev at ../shared/eval-dev or set KHABAR_EVAL_DEV`);
  return p;
}
