/**
 * The parse worker (bundled on its own as dist/parseWorker.js, started by parsePool.ts): parses
 * the YAML texts of each message and sends the results back packed (parseWire.ts). It holds
 * nothing between messages.
 */
import { parentPort } from 'node:worker_threads';
import { DEFAULT_PARSE_LIMITS, parseYaml, type ParsedYaml } from '../core/yaml';
import { yamlMessages } from '../core/yaml/errors';
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

/** The parse, with the text packed where asked (`ParseService`): the thread that asked is the busy one. */
function prepare(text: string, pack: boolean): ParsedElsewhere | undefined {
  const parsed = parseHere(text);
  return parsed && pack ? { ...parsed, packedText: zlibTextPacker.pack(text) } : parsed;
}

const port = parentPort;
port?.on('message', (m: ParseRequest) => {
  const batch = encodeParses(m.texts.map((text, i) => prepare(text, m.pack[i] === true)));
  port.postMessage({ id: m.id, ...batch } satisfies ParseReply, [batch.ints.buffer, batch.packed.buffer]);
});
