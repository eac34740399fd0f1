import { readFileSync } from 'node:fs';
import * as path from 'node:path';

declare const CX_TAXONOMY_VERSION: string;

/** The tool's name as reports show it. */
export const TOOL_NAME = 'cx-taxonomy';

/**
 * Where people read about the tool (SARIF `informationUri`, report footers): the package's page,
 * the one public address the project has today.
 */
export const INFORMATION_URI = 'https://www.npmjs.com/package/cx-taxonomy';

function sourceVersion(): string {
  try {
    // Run from source (tests, tsx): read the version the bundle would have had injected.
    const pkg = JSON.parse(readFileSync(path.join(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as {
      version?: string;
    };
    return pkg.version ?? 'dev';
  } catch {
    return 'dev';
  }
}

/** The version esbuild injects from package.json. */
export const VERSION: string = typeof CX_TAXONOMY_VERSION === 'string' ? CX_TAXONOMY_VERSION : sourceVersion();
