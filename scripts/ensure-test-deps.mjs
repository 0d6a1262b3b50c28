// Installs what the test suite needs beyond npm packages: Debian's Chromium for the browser tests (never a
// browser downloaded by a test tool). Runs before `pnpm test`; a no-op when Chromium is already there.
import { existsSync } from 'node:fs';
import { execSync } from 'node:child_process';

const CHROMIUM = '/usr/bin/chromium';
if (existsSync(CHROMIUM)) process.exit(0);

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const hasApt = existsSync('/usr/bin/apt-get');
if (!isRoot || !hasApt) {
  console.warn(`ensure-test-deps: ${CHROMIUM} is missing and cannot be installed here (needs root and apt-get); browser tests will be skipped outside CI.`);
  process.exit(0);
}
console.log('ensure-test-deps: installing Debian chromium for the browser tests…');
const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
execSync('apt-get update -q', { stdio: 'inherit', env });
execSync('apt-get install -y -q --no-install-recommends chromium', { stdio: 'inherit', env });
