/**
 * An editor left open over midnight: the sunset rules compare dates with today, so when the day
 * turns, a sunset reached that night must show as passed without a restart or an edit. The
 * server runs under Debian's `faketime` (installed by .ci/run), its clock set a few seconds
 * before midnight and running on at its real pace.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { baseTaxonomy } from '../support/workspace';
import { LspTestClient } from './harness';

/** The evening of the KPI's sunset day: at midnight its sunset has passed. */
const EVENING = '2030-06-13 23:59:50';

function taxonomy(): Record<string, string> {
  const files = baseTaxonomy();
  files['k.kpi.yaml'] += 'status: deprecated\nsunset: 2030-06-13\n';
  return files;
}

describe('protocol: the day turning over while the server runs', function () {
  this.timeout(60000);
  let c: LspTestClient | undefined;
  afterEach(async () => {
    await c?.stop();
    c = undefined;
  });

  before(() => {
    const probe = spawnSync('faketime', ['-f', '+0', 'true']);
    assert.equal(probe.error, undefined, 'this test needs faketime (apt-get install faketime; .ci/run installs it)');
  });

  it("shows a sunset reached at midnight as passed, and yesterday's countdown gone, with no edit", async () => {
    c = await LspTestClient.start({ files: taxonomy(), launcher: ['faketime', EVENING], env: { TZ: 'UTC' } });
    await c.waitForReady(30000);
    const rules = () =>
      c!
        .diagnostics('j.journey.yaml')
        .map((d) => String(d.code))
        .sort();
    // Before midnight the use of the KPI is announced: its sunset is today.
    assert.deepEqual(rules(), ['deprecated-reference', 'sunset-approaching']);
    const before = c.diagnostics('j.journey.yaml').find((d) => d.code === 'sunset-approaching');
    assert.match(String(before?.message), /2030-06-13 \(today\)/);
    // After midnight it is passed, found by the server alone.
    await c.waitFor('sunset-passed after midnight', () => rules().includes('sunset-passed') || undefined, 15000);
    assert.deepEqual(rules(), ['deprecated-reference', 'sunset-passed']);
    assert.ok(
      c.logs.some((l) => /The date is now 2030-06-14/.test(l)),
      'the log says why everything was checked',
    );
  });

  it('does not re-check at midnight when the date is pinned (CX_TAXONOMY_TODAY)', async () => {
    const started = Date.now();
    c = await LspTestClient.start({
      files: taxonomy(),
      launcher: ['faketime', EVENING],
      env: { TZ: 'UTC', CX_TAXONOMY_TODAY: '2030-06-13' },
    });
    await c.waitForReady(30000);
    const published = c.publishHistory.length;
    // Past the server's midnight (10 s after its start), and the watcher's second after it.
    await new Promise((r) => setTimeout(r, Math.max(0, started + 13_000 - Date.now())));
    assert.equal(c.publishHistory.length, published, 'nothing re-published');
    assert.ok(c.diagnostics('j.journey.yaml').some((d) => d.code === 'sunset-approaching'));
  });
});
