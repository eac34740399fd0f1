/**
 * scripts/e2e/setup.sh on a machine where code-server has never run: its first start prints
 * "Wrote default config file ..." before the version, which the version check must read past,
 * and the check must not write into $HOME. Tested with a fake code-server that behaves that way
 * (no install, no network) and a fresh HOME.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

const REPO = path.join(__dirname, '../..');
const VERSION_SCRIPT = path.join(REPO, 'scripts/e2e/code-server-version.sh');

/** A stand-in for code-server 4.100.3: on its first start it writes its default config and says so first. */
const FAKE = `#!/bin/sh
cfg=""
while [ $# -gt 0 ]; do
  case "$1" in --config) cfg="$2"; shift 2 ;; *) shift ;; esac
done
[ -n "$cfg" ] || cfg="\${XDG_CONFIG_HOME:-$HOME/.config}/code-server/config.yaml"
if [ ! -f "$cfg" ]; then
  mkdir -p "$(dirname "$cfg")" && : >"$cfg"
  echo "[2026-01-01T00:00:00.000Z] info  Wrote default config file to $cfg"
fi
echo "4.100.3 0c7d3b5 with Code 1.100.3"
`;

describe('e2e setup: the code-server version check', () => {
  let dir: string;
  let home: string;
  let fake: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'cx-e2e-setup-'));
    home = path.join(dir, 'home');
    fake = path.join(dir, 'code-server');
    writeFileSync(fake, FAKE);
    chmodSync(fake, 0o755);
    spawnSync('mkdir', ['-p', home]);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const env = () => ({ PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home });

  it('the fake behaves as code-server does on a fresh HOME: the first line is not the version', () => {
    const r = spawnSync(fake, ['--version'], { encoding: 'utf8', env: env() });
    assert.match(r.stdout.split('\n')[0], /Wrote default config file/);
    rmSync(path.join(home, '.config'), { recursive: true, force: true });
  });

  it('reads the version past the first-start line, and writes nothing into HOME', () => {
    const r = spawnSync('bash', [VERSION_SCRIPT, fake], { encoding: 'utf8', env: env() });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, '4.100.3\n');
    assert.deepEqual(readdirSync(home), [], 'HOME stays empty');
    // A second run (config already written elsewhere) reads the same.
    assert.equal(spawnSync('bash', [VERSION_SCRIPT, fake], { encoding: 'utf8', env: env() }).stdout, '4.100.3\n');
  });

  it('fails, quoting what it printed, when there is no version line or the binary fails', () => {
    writeFileSync(fake, '#!/bin/sh\necho "Wrote default config file to x"\n');
    let r = spawnSync('bash', [VERSION_SCRIPT, fake], { encoding: 'utf8', env: env() });
    assert.notEqual(r.status, 0);
    assert.match(r.stderr, /no version line[\s\S]*Wrote default config file/);
    writeFileSync(fake, '#!/bin/sh\necho "cannot start" >&2\nexit 3\n');
    r = spawnSync('bash', [VERSION_SCRIPT, fake], { encoding: 'utf8', env: env() });
    assert.notEqual(r.status, 0);
    assert.match(r.stderr, /exited with 3[\s\S]*cannot start/);
  });

  it('setup.sh checks through it, and keeps its marker when a check fails', () => {
    const setup = readFileSync(path.join(REPO, 'scripts/e2e/setup.sh'), 'utf8');
    assert.match(setup, /code-server-version\.sh/);
    assert.doesNotMatch(setup, /rm -f "\$MARKER"/);
    assert.doesNotMatch(setup, /--version[^\n]*\| head -n 1/);
  });
});
