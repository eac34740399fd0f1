// A named import: esbuild then bundles only `$defs` into the webviews, not the schema's `$id` and
// `$schema` URLs (a webview script names no remote URL; test/unit/security.test.ts).
import { $defs } from '../../../../schemas/teams.schema.json';

/**
 * The business functions a team belongs to, in the order of the teams schema's `function` enum
 * (the published contract): the legend order of the journey map and the order the ownership
 * report lists teams in. A module of its own because the webviews import it: it pulls in only the
 * teams schema, not the others.
 */
export const TEAM_FUNCTIONS: readonly string[] = $defs.team.properties.function.enum;
