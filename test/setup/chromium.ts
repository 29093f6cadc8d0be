/**
 * vitest globalSetup: the browser tests drive Debian's chromium through
 * playwright-core. When /usr/bin/chromium is missing and we are root, install it
 * (`apt-get update && apt-get install -y chromium`); otherwise say how.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export const CHROMIUM = '/usr/bin/chromium';

export default function setup(): void {
  if (existsSync(CHROMIUM)) return;
  if (process.getuid?.() !== 0) {
    process.stderr.write(
      `khabar tests: ${CHROMIUM} is missing; run as root: apt-get update && apt-get install -y chromium\n`,
    );
    return;
  }
  process.stderr.write('khabar tests: installing Debian chromium for the browser tests…\n');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', 'chromium'], { stdio: 'inherit', env });
}
