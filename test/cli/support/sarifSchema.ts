import { readFileSync } from 'node:fs';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';

/**
 * The official SARIF 2.1.0 JSON schema (the OASIS schema as published on SchemaStore,
 * `sarif-2.1.0-rtm.5.json`), shipped by the devDependency @microsoft/jest-sarif. It is written in
 * draft-04, which differs from draft-07 here only in `id` versus `$id`; Ajv's draft-07 class
 * reads it once that is renamed.
 */
const SCHEMA_FILE = require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');

let validator: ValidateFunction | undefined;

/** Validates a parsed log; `errors` holds Ajv's errors after a failure. (Not a type guard, so the log keeps its type.) */
export interface SarifValidator {
  (log: unknown): boolean;
  errors?: ErrorObject[] | null;
}

/** A validator for SARIF 2.1.0 logs, compiled once. */
export function sarifValidator(): SarifValidator {
  if (validator) return validator as SarifValidator;
  const schema = JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')) as Record<string, unknown>;
  delete schema.$schema;
  schema.$id = schema.id;
  delete schema.id;
  // unicodeRegExp: false because the schema's `language` pattern has a stray `]` that only
  // non-Unicode regular expressions accept (as the JavaScript and .NET validators it was written for do).
  const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
  ajv.addFormat('uri', (s: string) => {
    try {
      new URL(s);
      return true;
    } catch {
      return false;
    }
  });
  ajv.addFormat('uri-reference', (s: string) => {
    try {
      new URL(s, 'file:///base/');
      return !/\s/.test(s);
    } catch {
      return false;
    }
  });
  ajv.addFormat(
    'date-time',
    (s: string) =>
      /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(s) && !Number.isNaN(Date.parse(s)),
  );
  validator = ajv.compile(schema);
  return validator as SarifValidator;
}
