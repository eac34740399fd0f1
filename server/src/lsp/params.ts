/**
 * Checks of request params, applied by one wrapper around every handler registration: a client
 * that sends a hover without `textDocument` or a code action without `context` gets an
 * InvalidParams error (-32602) with a one-line message saying what is missing, and nothing is
 * logged. A handler therefore only ever sees params of the shape the protocol promises, and a
 * failure inside one is a bug of ours, which it logs.
 */
import { ErrorCodes, ResponseError, type Connection, type Disposable } from 'vscode-languageserver';
import { hasLens } from '../core/features/codeLens';

/** Says what is wrong with a request's params, or undefined when they are usable. */
type ParamsCheck = (params: unknown) => string | undefined;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
/** An LSP `uinteger`. */
const isUint = (v: unknown): boolean => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 2147483647;

function positionProblem(v: unknown, name: string): string | undefined {
  if (!isObj(v)) return `\`${name}\` must be a position ({ line, character })`;
  if (!isUint(v.line) || !isUint(v.character))
    return `\`${name}\` needs whole numbers of 0 or more for \`line\` and \`character\``;
  return undefined;
}

function rangeProblem(v: unknown, name: string): string | undefined {
  if (!isObj(v)) return `\`${name}\` must be a range ({ start, end })`;
  return positionProblem(v.start, `${name}.start`) ?? positionProblem(v.end, `${name}.end`);
}

/** Runs checks in turn on the params object; the first problem wins. */
function all(...checks: ((p: Obj) => string | undefined)[]): ParamsCheck {
  return (params) => {
    if (!isObj(params)) return 'the params must be an object';
    for (const check of checks) {
      const problem = check(params);
      if (problem) return problem;
    }
    return undefined;
  };
}

const textDocument = (p: Obj) =>
  isObj(p.textDocument) && typeof p.textDocument.uri === 'string' ? undefined : 'it needs `textDocument.uri`';
const position = (p: Obj) => positionProblem(p.position, 'position');

/** The params of every request the server answers, by kind. */
const PARAMS = {
  /** TextDocumentIdentifier only (document symbols). */
  document: all(textDocument),
  /** TextDocumentPositionParams (hover, completion, definition, prepareRename). */
  position: all(textDocument, position),
  references: all(textDocument, position, (p) =>
    p.context === undefined ||
    (isObj(p.context) &&
      (p.context.includeDeclaration === undefined || typeof p.context.includeDeclaration === 'boolean'))
      ? undefined
      : '`context.includeDeclaration` must be true or false',
  ),
  rename: all(textDocument, position, (p) =>
    typeof p.newName === 'string' ? undefined : 'it needs `newName` as a string',
  ),
  codeAction: all(
    textDocument,
    (p) => rangeProblem(p.range, 'range'),
    (p) => {
      if (!isObj(p.context)) return 'it needs `context` with its `diagnostics`';
      const { diagnostics, only } = p.context;
      if (!Array.isArray(diagnostics)) return '`context.diagnostics` must be a list';
      for (const d of diagnostics) {
        if (!isObj(d)) return 'each of `context.diagnostics` must be a diagnostic';
        const problem = rangeProblem(d.range, 'context.diagnostics[].range');
        if (problem) return problem;
      }
      if (only !== undefined && !(Array.isArray(only) && only.every((k) => typeof k === 'string')))
        return '`context.only` must be a list of kinds';
      return undefined;
    },
  ),
  workspaceSymbol: all((p) => (typeof p.query === 'string' ? undefined : 'it needs `query` as a string')),
  /** A code lens sent back to be resolved: its range, and the `data` the server gave it. */
  codeLensResolve: all((p) => rangeProblem(p.range, 'range')),
  /** InlayHintParams: a document and the range in view. */
  inlayHint: all(textDocument, (p) => rangeProblem(p.range, 'range')),
  /** SelectionRangeParams: a document and the positions to expand from. */
  selectionRange: all(textDocument, (p) => {
    if (!Array.isArray(p.positions)) return 'it needs `positions` as a list';
    for (const pos of p.positions) {
      const problem = positionProblem(pos, 'positions[]');
      if (problem) return problem;
    }
    return undefined;
  }),
  /** `{ uri }` (the journey map). */
  uri: all((p) => (typeof p.uri === 'string' ? undefined : 'it needs `uri` as a string')),
  /** `{ uri, kind, id, lens }` (the places of a usage lens). */
  usagePlaces: all(
    (p) => (typeof p.uri === 'string' && typeof p.id === 'string' ? undefined : 'it needs `uri` and `id` as strings'),
    (p) => (hasLens(p.kind) ? undefined : '`kind` must be persona, segment, kpi, team or term'),
    (p) => (p.lens === 'usage' || p.lens === 'touchpoints' ? undefined : '`lens` must be usage or touchpoints'),
  ),
  /** Nothing, or `{ uri? }` (the ownership report). */
  optionalUri: ((p) =>
    p === undefined || p === null || (isObj(p) && (p.uri === undefined || typeof p.uri === 'string'))
      ? undefined
      : '`uri` must be a string when given') as ParamsCheck,
  /** Nothing, or `{ myTeam? }` (the Taxonomy view). */
  taxonomyView: ((p) =>
    p === undefined || p === null || (isObj(p) && (p.myTeam === undefined || typeof p.myTeam === 'string'))
      ? undefined
      : '`myTeam` must be a string when given') as ParamsCheck,
} satisfies Record<string, ParamsCheck>;

/**
 * A request handler that first checks its params: invalid ones are answered with InvalidParams
 * and a one-line message naming the method, and the handler is not run.
 */
function validated<A extends unknown[], R>(
  method: string,
  check: ParamsCheck,
  handler: (...args: A) => R,
): (...args: A) => R {
  return (...args: A) => {
    const problem = check(args[0]);
    if (problem) throw new ResponseError(ErrorCodes.InvalidParams, `Invalid params for ${method}: ${problem}.`);
    return handler(...args);
  };
}

/** The handler a registration method of the connection takes. */
type Handler<K extends keyof Connection> = Connection[K] extends (handler: infer H) => Disposable ? H : never;

/**
 * The connection as the feature handlers register on it: every request registration goes through
 * {@link validated} with the check of its method, so no handler repeats these checks (and none
 * can forget them). Everything else is the connection itself.
 */
export function checkedConnection(connection: Connection): Connection {
  const custom: Record<string, ParamsCheck> = {
    'cxTaxonomy/journeyMap': PARAMS.uri,
    'cxTaxonomy/ownershipReport': PARAMS.optionalUri,
    'cxTaxonomy/usagePlaces': PARAMS.usagePlaces,
    'cxTaxonomy/taxonomyView': PARAMS.taxonomyView,
  };
  const checked: Partial<Connection> = {
    onCompletion: (h: Handler<'onCompletion'>) =>
      connection.onCompletion(validated('textDocument/completion', PARAMS.position, h)),
    onHover: (h: Handler<'onHover'>) => connection.onHover(validated('textDocument/hover', PARAMS.position, h)),
    onDefinition: (h: Handler<'onDefinition'>) =>
      connection.onDefinition(validated('textDocument/definition', PARAMS.position, h)),
    onReferences: (h: Handler<'onReferences'>) =>
      connection.onReferences(validated('textDocument/references', PARAMS.references, h)),
    onPrepareRename: (h: Handler<'onPrepareRename'>) =>
      connection.onPrepareRename(validated('textDocument/prepareRename', PARAMS.position, h)),
    onRenameRequest: (h: Handler<'onRenameRequest'>) =>
      connection.onRenameRequest(validated('textDocument/rename', PARAMS.rename, h)),
    onDocumentSymbol: (h: Handler<'onDocumentSymbol'>) =>
      connection.onDocumentSymbol(validated('textDocument/documentSymbol', PARAMS.document, h)),
    onWorkspaceSymbol: (h: Handler<'onWorkspaceSymbol'>) =>
      connection.onWorkspaceSymbol(validated('workspace/symbol', PARAMS.workspaceSymbol, h)),
    onCodeAction: (h: Handler<'onCodeAction'>) =>
      connection.onCodeAction(validated('textDocument/codeAction', PARAMS.codeAction, h)),
    onCodeLens: (h: Handler<'onCodeLens'>) =>
      connection.onCodeLens(validated('textDocument/codeLens', PARAMS.document, h)),
    onCodeLensResolve: (h: Handler<'onCodeLensResolve'>) =>
      connection.onCodeLensResolve(validated('codeLens/resolve', PARAMS.codeLensResolve, h)),
    onFoldingRanges: (h: Handler<'onFoldingRanges'>) =>
      connection.onFoldingRanges(validated('textDocument/foldingRange', PARAMS.document, h)),
    onSelectionRanges: (h: Handler<'onSelectionRanges'>) =>
      connection.onSelectionRanges(validated('textDocument/selectionRange', PARAMS.selectionRange, h)),
    onDocumentHighlight: (h: Handler<'onDocumentHighlight'>) =>
      connection.onDocumentHighlight(validated('textDocument/documentHighlight', PARAMS.position, h)),
    onRequest: ((method: unknown, handler: (...args: unknown[]) => unknown) =>
      typeof method === 'string' && custom[method]
        ? connection.onRequest(method, validated(method, custom[method], handler))
        : (connection.onRequest as (m: unknown, h: unknown) => Disposable)(method, handler)) as Connection['onRequest'],
  };
  // `languages` (the protocol's 3.17 features: inlay hints) is a getter of the connection, so it is
  // defined rather than assigned.
  return Object.defineProperty(Object.assign(Object.create(connection) as Connection, checked), 'languages', {
    value: checkedLanguages(connection.languages),
  });
}

/** The connection's `languages` with inlay hint requests checked like the others. */
function checkedLanguages(languages: Connection['languages']): Connection['languages'] {
  const inlayHint = languages.inlayHint;
  const checked: Connection['languages']['inlayHint'] = {
    ...inlayHint,
    on: (h) => inlayHint.on(validated('textDocument/inlayHint', PARAMS.inlayHint, h)),
  };
  return Object.create(languages, { inlayHint: { value: checked } }) as Connection['languages'];
}
