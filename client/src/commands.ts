/**
 * The command table: one entry per command id in commandIds.ts, each a small handler. The
 * `satisfies` clause makes the compiler reject a missing or unknown id.
 */
import * as vscode from 'vscode';
import { COMMANDS, type CommandId } from './commandIds';
import { showUsage } from './codeLensMiddleware';
import type { CommandHost } from './host';
import { kindGlob, toKebabId } from '../../server/src/core/domain';
import { fileNameFor, NEW_FILE_SPECS, renderTemplate, validateName, type NewFileKind } from './templates';

type Handler = (...args: unknown[]) => unknown;

const NEW_COMMAND: Record<NewFileKind, CommandId> = {
  persona: 'cxTaxonomy.newPersona',
  segment: 'cxTaxonomy.newSegment',
  journey: 'cxTaxonomy.newJourney',
  kpi: 'cxTaxonomy.newKpi',
  glossary: 'cxTaxonomy.newGlossary',
};

function uriArg(arg: unknown): vscode.Uri | undefined {
  return arg instanceof vscode.Uri ? arg : undefined;
}

export function commandTable(ctx: CommandHost): Record<CommandId, Handler> {
  return {
    'cxTaxonomy.newPersona': (arg: unknown) => newFile(ctx, 'persona', uriArg(arg)),
    'cxTaxonomy.newSegment': (arg: unknown) => newFile(ctx, 'segment', uriArg(arg)),
    'cxTaxonomy.newJourney': (arg: unknown) => newFile(ctx, 'journey', uriArg(arg)),
    'cxTaxonomy.newKpi': (arg: unknown) => newFile(ctx, 'kpi', uriArg(arg)),
    'cxTaxonomy.newGlossary': (arg: unknown) => newFile(ctx, 'glossary', uriArg(arg)),
    'cxTaxonomy.openJourneyMap': (arg: unknown) => ctx.journeyMap.show(uriArg(arg)),
    'cxTaxonomy.showOwnershipReport': () => ctx.ownershipReport.show(),
    'cxTaxonomy.restartServer': () => ctx.restart(),
    'cxTaxonomy.showOutput': () => ctx.log.show(),
    'cxTaxonomy.showUsage': (...args: unknown[]) => showUsage(ctx.runningClient, args),
  } satisfies Record<CommandId, Handler>;
}

export function registerCommands(ctx: CommandHost): vscode.Disposable[] {
  const table = commandTable(ctx);
  return (Object.keys(COMMANDS) as CommandId[]).map((id) =>
    vscode.commands.registerCommand(id, async (...args: unknown[]) => {
      try {
        return await table[id](...args);
      } catch (err) {
        ctx.log.error(`${id} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
        void vscode.window.showErrorMessage(
          `CX Taxonomy: ${COMMANDS[id].title.replace(/…$/, '')} failed: ${err instanceof Error ? err.message : String(err)}`,
        );
        return undefined;
      }
    }),
  );
}

/** A folder a new file could go in, for the quick pick. */
interface FolderChoice extends vscode.QuickPickItem {
  uri?: vscode.Uri;
}

/** The folder a file should be created in: the clicked one, else the user's pick. */
async function chooseFolder(kind: NewFileKind, clicked: vscode.Uri | undefined): Promise<vscode.Uri | undefined> {
  if (clicked) {
    const stat = await vscode.workspace.fs.stat(clicked);
    return stat.type & vscode.FileType.Directory ? clicked : vscode.Uri.joinPath(clicked, '..');
  }
  const roots = vscode.workspace.workspaceFolders ?? [];
  if (roots.length === 0) {
    const picked = await vscode.window.showOpenDialog({
      canSelectFolders: true,
      canSelectFiles: false,
      openLabel: 'Create here',
      title: `Folder for the new ${kind}`,
    });
    return picked?.[0];
  }
  // Folders that already hold files of this kind come first: that is where people keep them.
  const existing = await vscode.workspace.findFiles(kindGlob(kind), '**/node_modules/**', 50);
  const seen = new Set<string>();
  const choices: FolderChoice[] = [];
  const add = (uri: vscode.Uri, description: string) => {
    if (seen.has(uri.toString())) return;
    seen.add(uri.toString());
    choices.push({
      label: vscode.workspace.asRelativePath(uri, roots.length > 1) || uri.path.split('/').pop() || uri.toString(),
      description,
      uri,
    });
  };
  for (const f of existing) add(vscode.Uri.joinPath(f, '..'), `has ${kind} files`);
  const hint = NEW_FILE_SPECS[kind].folderHint;
  for (const r of roots) {
    if (hint) add(vscode.Uri.joinPath(r.uri, hint), existing.length ? '' : 'new folder');
    add(r.uri, 'workspace folder');
  }
  if (choices.length === 1) return choices[0].uri;
  choices.push({ label: '$(folder-opened) Choose another folder…' });
  const pick = await vscode.window.showQuickPick(choices, {
    title: `Where should the new ${kind} go?`,
    placeHolder: 'Folder for the new file',
  });
  if (!pick) return undefined;
  if (pick.uri) return pick.uri;
  const picked = await vscode.window.showOpenDialog({
    canSelectFolders: true,
    canSelectFiles: false,
    defaultUri: roots[0].uri,
    openLabel: 'Create here',
  });
  return picked?.[0];
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

/** Asks for a name, derives the id, writes the template into the chosen folder and opens it. */
async function newFile(ctx: CommandHost, kind: NewFileKind, clicked: vscode.Uri | undefined): Promise<void> {
  if (!vscode.workspace.isTrusted) {
    void vscode.window.showWarningMessage(
      'CX Taxonomy does not create files in Restricted Mode. Trust this workspace to use the New commands.',
    );
    return;
  }
  const spec = NEW_FILE_SPECS[kind];
  const name = await vscode.window.showInputBox({
    title: COMMANDS[NEW_COMMAND[kind]].title.replace(/…$/, ''),
    prompt: spec.prompt,
    placeHolder: spec.placeholder,
    validateInput: (value) => {
      const problem = validateName(value);
      if (problem) return value === '' ? undefined : problem;
      const id = toKebabId(value);
      return {
        message: `id: ${id}  ·  file: ${fileNameFor(kind, id)}`,
        severity: vscode.InputBoxValidationSeverity.Info,
      };
    },
  });
  if (name === undefined || validateName(name)) return;
  const id = toKebabId(name);
  const folder = await chooseFolder(kind, clicked);
  if (!folder) return;
  const target = vscode.Uri.joinPath(folder, fileNameFor(kind, id));
  if (await exists(target)) {
    void vscode.window.showWarningMessage(
      `${vscode.workspace.asRelativePath(target)} already exists; opening it instead.`,
    );
    await vscode.window.showTextDocument(target);
    return;
  }
  const template = renderTemplate(kind, name.trim(), id);
  await vscode.workspace.fs.createDirectory(folder);
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(template.text));
  ctx.log.info(`Created ${target.toString()}`);
  const editor = await vscode.window.showTextDocument(target);
  const pos = new vscode.Position(template.cursor.line, template.cursor.character);
  editor.selection = new vscode.Selection(pos, pos);
  // The cursor sits after `owner: `: offer the workspace's teams straight away.
  await vscode.commands.executeCommand('editor.action.triggerSuggest');
}
