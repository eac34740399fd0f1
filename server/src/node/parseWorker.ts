/**
 * The parse worker (bundled on its own as dist/parseWorker.js, started by parsePool.ts): parses
 * the YAML texts of each message and sends the results back packed (parseWire.ts). It holds
 * nothing between messages.
 */
import { parentPort } from 'node:worker_threads';
import { DEFAULT_PARSE_LIMITS, parseYaml, type ParsedYaml } from '../core/yaml';
import { yamlMessages } from '../core/yaml/errors';
import type { TextAhead } from '../core/loader';
import { lineStarts } from '../core/lineIndex';
import { validAgainstSchema } from '../core/schema';
import type { ParsedElsewhere } from '../core/taxonomyFile';
import { encodeParses, type ParseReply, type ParseRequest } from './parseWire';
import { zlibTextPacker } from './textPacker';

/**
 * Problems whose finding depends on the thread's stack (a worker's is not the size of the
 * thread it helps): a file showing one is parsed by the receiver, so it reads as it always did.
 */
const STACK_BOUND = [
  yamlMessages.fileTooDeep,
  yamlMessages.documentTooDeep,
  yamlMessages.nestingTooDeep(DEFAULT_PARSE_LIMITS.maxDepth),
];
const THROWN = yamlMessages.unreadable('');

/** The parse of a text, or undefined for one its receiver should parse itself. */
function parseHere(text: string): ParsedYaml | undefined {
  try {
    const parsed = parseYaml(text);
    const declined = parsed.problems.some(
      (p) => STACK_BOUND.some((m) => p.message.startsWith(m)) || p.message.startsWith(THROWN),
    );
    return declined ? undefined : parsed;
  } catch {
    return undefined;
  }
}

/**
 * The parse, with what the thread that asked would do next (`ParsedElsewhere`): that thread is
 * the busy one. Its line starts; which documents are valid against the kind's schema, when the
 * kind is given; the text packed, where asked.
 */
function prepare(text: string, ahead: TextAhead): ParsedElsewhere | undefined {
  const parsed = parseHere(text);
  if (!parsed) return undefined;
  const { kind, pack } = ahead;
  return {
    ...parsed,
    lineStarts: lineStarts(text),
    ...(kind !== undefined ? { schemaValid: parsed.docs.map((d) => validAgainstSchema(kind, d.value)) } : {}),
    ...(pack ? { packedText: zlibTextPacker.pack(text) } : {}),
  };
}

const port = parentPort;
port?.on('message', (m: ParseRequest) => {
  const batch = encodeParses(m.texts.map((text, i) => prepare(text, m.ahead[i] ?? {})));
  port.postMessage({ id: m.id, ...batch } satisfies ParseReply, [batch.ints.buffer, batch.packed.buffer]);
});
