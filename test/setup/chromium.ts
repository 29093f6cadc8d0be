/**
 * vitest globalSetup: the browser tests drive Debian's chromium through playwright-core. Tests never
 * install anything: `.ci/run` installs chromium with apt-get; on another machine install it yourself.
 * When it is missing the browser tests fail with the one line below.
 */
import { existsSync } from 'node:fs';

export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_MISSING = `${CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium), as .ci/run does`;

export default function setup(): void {
  if (!existsSync(CHROMIUM)) process.stderr.write(`khabar tests: ${CHROMIUM_MISSING}\n`);
}
