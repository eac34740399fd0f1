/**
 * The status bar item: server state and indexing progress, then the workspace's problem counts.
 * A click opens the Problems panel (or restarts a stopped server).
 */
import * as vscode from 'vscode';

export type ServerPhase = 'starting' | 'indexing' | 'ready' | 'stopped';

/** Counts of the server's diagnostics, by severity, and how many files have any. */
interface ProblemCounts {
  errors: number;
  warnings: number;
  infos: number;
  files: number;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** Counts diagnostics of a collection (the language client's own, so only this server's). */
function countProblems(collection: vscode.DiagnosticCollection | undefined): ProblemCounts {
  const c: ProblemCounts = { errors: 0, warnings: 0, infos: 0, files: 0 };
  collection?.forEach((_uri, diagnostics) => {
    if (diagnostics.length) c.files++;
    for (const d of diagnostics) {
      if (d.severity === vscode.DiagnosticSeverity.Error) c.errors++;
      else if (d.severity === vscode.DiagnosticSeverity.Warning) c.warnings++;
      else c.infos++;
    }
  });
  return c;
}

export class StatusBar implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private phase: ServerPhase = 'starting';
  private progress: { done?: number; total?: number } = {};
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly diagnostics: () => vscode.DiagnosticCollection | undefined) {
    this.item = vscode.window.createStatusBarItem('cxTaxonomy.status', vscode.StatusBarAlignment.Left, 10);
    this.item.name = 'CX Taxonomy';
    this.render();
    this.item.show();
  }

  setPhase(phase: ServerPhase, progress: { done?: number; total?: number } = {}): void {
    this.phase = phase;
    this.progress = progress;
    this.render();
  }

  /** Re-counts soon; diagnostics arrive in bursts while the server checks the workspace. */
  scheduleRefresh(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.render();
    }, 150);
  }

  private render(): void {
    const item = this.item;
    item.backgroundColor = undefined;
    switch (this.phase) {
      case 'starting':
        item.text = '$(sync~spin) CX Taxonomy';
        item.tooltip = 'CX Taxonomy: starting the language server';
        item.command = 'cxTaxonomy.showOutput';
        break;
      case 'indexing': {
        const { done, total } = this.progress;
        const count = total ? ` ${done ?? 0}/${total}` : '';
        item.text = `$(sync~spin) CX Taxonomy: indexing${count}`;
        item.tooltip = `CX Taxonomy: reading the taxonomy${total ? ` (${done ?? 0} of ${total} files)` : ''}`;
        item.command = 'cxTaxonomy.showOutput';
        break;
      }
      case 'stopped':
        item.text = '$(error) CX Taxonomy: stopped';
        item.tooltip = 'The CX Taxonomy language server is not running. Click to restart it.';
        item.command = 'cxTaxonomy.restartServer';
        item.backgroundColor = new vscode.ThemeColor('statusBarItem.errorBackground');
        break;
      case 'ready': {
        const c = countProblems(this.diagnostics());
        const total = c.errors + c.warnings + c.infos;
        item.text =
          total === 0
            ? 'CX $(check)'
            : `CX $(error) ${c.errors} $(warning) ${c.warnings}${c.infos ? ` $(info) ${c.infos}` : ''}`;
        item.tooltip =
          total === 0
            ? 'CX Taxonomy: no problems in the taxonomy. Click to open the Problems panel.'
            : `CX Taxonomy: ${plural(c.errors, 'error')}, ${plural(c.warnings, 'warning')}, ${plural(c.infos, 'hint or info')} in ${plural(c.files, 'file')}. Click to open the Problems panel.`;
        item.command = 'workbench.actions.view.problems';
        break;
      }
    }
    item.accessibilityInformation = { label: typeof item.tooltip === 'string' ? item.tooltip : 'CX Taxonomy' };
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.item.dispose();
  }
}

/**
 * The "my team" item beside the main one: the open problems of the team the `cxTaxonomy.myTeam`
 * setting pins (counted by the server: problems inside what the team owns). Hidden when no team
 * is pinned; a click shows the Taxonomy view.
 */
export class MyTeamStatusItem implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;

  constructor() {
    this.item = vscode.window.createStatusBarItem('cxTaxonomy.myTeam', vscode.StatusBarAlignment.Left, 9);
    this.item.name = 'CX Taxonomy: my team';
    this.item.command = 'cxTaxonomy.taxonomyView.focus';
  }

  /** Shows the pinned team's counts, or hides the item when `status` is undefined. */
  update(status: { text: string; tooltip: string } | undefined): void {
    if (!status) {
      this.item.hide();
      return;
    }
    this.item.text = status.text;
    this.item.tooltip = status.tooltip;
    this.item.accessibilityInformation = { label: status.tooltip };
    this.item.show();
  }

  dispose(): void {
    this.item.dispose();
  }
}
