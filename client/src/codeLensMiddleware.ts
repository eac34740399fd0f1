/**
 * The server's usage lenses run VS Code's `editor.action.showReferences` with LSP-shaped
 * arguments (a uri string, a `{ line, character }` position, `{ uri, range }` locations), and
 * the language client passes command arguments through as JSON. That command checks for its
 * own types (`Uri`, `Position`, `Location`) and refuses plain objects, so this middleware turns
 * the arguments into them as each lens arrives. A lens counting many places comes without them,
 * with `cxTaxonomy.showUsage` (`showUsage` asks the server for them when it is clicked).
 */
import * as vscode from 'vscode';
import type { LanguageClient, Middleware } from 'vscode-languageclient/node';
import { UsagePlacesRequest, type UsagePlacesParams } from '../../server/src/protocol';

const SHOW_REFERENCES = 'editor.action.showReferences';

interface LspPosition {
  line: number;
  character: number;
}
interface LspLocation {
  uri: string;
  range: { start: LspPosition; end: LspPosition };
}

const isPosition = (v: unknown): v is LspPosition =>
  typeof v === 'object' &&
  v !== null &&
  typeof (v as LspPosition).line === 'number' &&
  typeof (v as LspPosition).character === 'number';
const isLocation = (v: unknown): v is LspLocation =>
  typeof v === 'object' &&
  v !== null &&
  typeof (v as LspLocation).uri === 'string' &&
  isPosition((v as LspLocation).range?.start) &&
  isPosition((v as LspLocation).range?.end);

const toPosition = (p: LspPosition) => new vscode.Position(p.line, p.character);

/** A lens with its show-references arguments as VS Code's types; any other lens as it is. */
function withVscodeArguments(lens: vscode.CodeLens): vscode.CodeLens {
  const cmd = lens.command;
  if (cmd?.command !== SHOW_REFERENCES || !cmd.arguments) return lens;
  const [uri, position, locations] = cmd.arguments as unknown[];
  if (typeof uri !== 'string' || !isPosition(position) || !Array.isArray(locations)) return lens;
  cmd.arguments = [
    vscode.Uri.parse(uri),
    toPosition(position),
    locations
      .filter(isLocation)
      .map(
        (l) =>
          new vscode.Location(
            vscode.Uri.parse(l.uri),
            new vscode.Range(toPosition(l.range.start), toPosition(l.range.end)),
          ),
      ),
  ];
  return lens;
}

export const codeLensMiddleware: Middleware = {
  async provideCodeLenses(document, token, next) {
    const lenses = await next(document, token);
    return lenses?.map(withVscodeArguments);
  },
  async resolveCodeLens(lens, token, next) {
    const resolved = await next(lens, token);
    return resolved ? withVscodeArguments(resolved) : resolved;
  },
};

/**
 * `cxTaxonomy.showUsage` (uri, position, lens): asks the server for the places a lens counts and
 * shows them in the references peek, as `editor.action.showReferences` does for small lenses.
 */
export async function showUsage(client: LanguageClient | undefined, args: unknown[]): Promise<void> {
  const [uri, position, lens] = args;
  if (!client || typeof uri !== 'string' || !isPosition(position) || typeof lens !== 'object' || lens === null) return;
  const places: LspLocation[] = await client.sendRequest(UsagePlacesRequest.method, lens as UsagePlacesParams);
  const converted = withVscodeArguments(
    new vscode.CodeLens(new vscode.Range(0, 0, 0, 0), {
      title: '',
      command: SHOW_REFERENCES,
      arguments: [uri, position, places],
    }),
  );
  const shown: unknown[] = converted.command?.arguments ?? [];
  await vscode.commands.executeCommand(SHOW_REFERENCES, ...shown);
}
