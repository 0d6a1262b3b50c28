// Installs what the test suite needs beyond npm packages: Debian's Chromium for the browser tests (never a
// browser downloaded by a test tool). Runs before `pnpm test`; a no-op when Chromium is already there.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const CHROMIUM = '/usr/bin/chromium';
if (existsSync(CHROMIUM)) process.exit(0);

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const hasApt = existsSync('/usr/bin/apt-get');
if (!isRoot || !hasApt) {
  console.warn(
    `ensure-test-deps: ${CHROMIUM} is missing and cannot be installed here (needs root and apt-get); browser tests will be skipped outside CI.`,
  );
  process.exit(0);
}

// Another apt or dpkg (unattended-upgrades on a fresh machine, a parallel job) may hold the dpkg or lists lock;
// apt-get then fails at once with "Could not get lock …". Wait for it instead of failing the whole test run.
const LOCK_WAIT_MS = 5 * 60_000;
const RETRY_MS = 5_000;
const LOCK_ERROR = /Could not get lock|Unable to acquire the dpkg frontend lock|Unable to lock directory/;

function aptGet(args) {
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const deadline = Date.now() + LOCK_WAIT_MS;
  for (;;) {
    const r = spawnSync('apt-get', args, { env, encoding: 'utf8', stdio: ['ignore', 'inherit', 'pipe'] });
    if (r.status === 0) return;
    const stderr = r.stderr ?? '';
    const locked = LOCK_ERROR.exec(stderr);
    if (!locked || Date.now() > deadline) {
      process.stderr.write(stderr);
      const why = locked
        ? `the apt/dpkg lock was still held after ${LOCK_WAIT_MS / 60_000} minutes`
        : `exit code ${r.status}`;
      throw new Error(`ensure-test-deps: apt-get ${args.join(' ')} failed (${why})`);
    }
    const holder =
      stderr
        .split('\n')
        .find((l) => LOCK_ERROR.test(l))
        ?.trim() ?? locked[0];
    console.log(`ensure-test-deps: apt is busy (${holder}); retrying in ${RETRY_MS / 1000} s…`);
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, RETRY_MS);
  }
}

console.log('ensure-test-deps: installing Debian chromium for the browser tests…');
aptGet(['update', '-q']);
aptGet(['install', '-y', '-q', '--no-install-recommends', 'chromium']);
