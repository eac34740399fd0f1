import * as assert from 'node:assert/strict';
import { ownershipMatrix } from '../../server/src/cli/ownershipReport';
import { loadTaxonomies } from '../../server/src/cli/taxonomies';
import { buildOwnershipReport } from '../../server/src/core/ownershipReport';
import { CLEAN, ROOT, WITH_PROBLEMS } from './support/cli';

/**
 * The CLI's ownership report lists the touchpoints in each cell; the editor's report (the core's
 * buildOwnershipReport) counts them. They must never disagree.
 */
describe('cli ownership report agrees with the editor', () => {
  for (const sample of [CLEAN, WITH_PROBLEMS]) {
    it(sample, async () => {
      const [t] = await loadTaxonomies({ paths: [sample] }, ROOT);
      const core = buildOwnershipReport(t.workspace);
      const cli = ownershipMatrix(t.workspace, ROOT);
      assert.deepEqual(cli.unowned.map((tp) => tp.name).sort(), core.unowned.map((tp) => tp.touchpointName).sort());
      assert.deepEqual(cli.sharedWithoutLead.map((x) => `${x.kind} ${x.teams.join(',')}`).sort(), core.sharedWithoutLead.map((x) => `${x.kind} ${x.teams.join(',')}`).sort());
      assert.deepEqual(cli.journeys.map((j) => j.name).sort(), core.journeys.map((j) => j.name).sort());
      core.teams.forEach((team, i) => {
        core.journeys.forEach((journey, j) => {
          const col = cli.journeys.findIndex((x) => x.name === journey.name && x.id === journey.id);
          assert.equal(cli.cell(team.id, col).length, core.cells[i][j].touchpoints, `${team.id} x ${journey.name}`);
        });
      });
    });
  }
});
