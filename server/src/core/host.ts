/**
 * What the core needs from the outside world to load a workspace. The CLI implements it over the
 * file system, the language server over the client's open documents plus the file system, and
 * tests over an in-memory map; the core itself never touches `fs`.
 */
export interface FileHost {
  /**
   * Every file below the root that may belong to the taxonomy, as ids (URIs or paths) the host
   * can read. Hosts skip `node_modules`, dot-folders and symbolic-link loops.
   */
  listFiles(): AsyncIterable<string> | Iterable<string>;
  /** The bytes of a file, or undefined when it has gone (deleted while indexing). */
  readFile(id: string): Promise<Uint8Array | string | undefined>;
  /** The path of a file relative to the workspace root, with forward slashes. */
  relativePath(id: string): string;
  /** The byte size of a file when the host knows it cheaply, so huge files are skipped unread. */
  size?(id: string): Promise<number | undefined>;
}

/** The outcome of decoding file bytes as text. */
export type Decoded = { ok: true; text: string } | { ok: false; message: string };

/**
 * The byte order mark is dropped (the decoder's default), as editors do: VS Code shows a BOM as
 * the file's encoding ("UTF-8 with BOM"), not as a character of the document. Positions in a file
 * read from disk then match the positions in the same file opened in the editor, and CLI columns
 * on the first line are the ones an editor shows.
 */
const decoder = new TextDecoder('utf-8', { fatal: true });

/** Decodes UTF-8 strictly, so a file in another encoding gets a clear problem instead of mojibake. */
export function decodeText(bytes: Uint8Array | string): Decoded {
  if (typeof bytes === 'string') return { ok: true, text: bytes };
  try {
    return { ok: true, text: decoder.decode(bytes) };
  } catch {
    return { ok: false, message: 'This file is not valid UTF-8 text, so it is not checked. Save it as UTF-8.' };
  }
}
