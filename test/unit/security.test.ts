/**
 * Security properties that hold without an editor: config globs cannot reach outside their
 * folder, no code from the workspace is ever run, webviews load nothing remote and build their
 * DOM from text, and in an untrusted workspace the extension stays in its declared limited mode.
 * (Hover and completion escaping is tested over the protocol: test/protocol/robustness-security.)
 */
import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import Module from 'node:module';
import * as path from 'node:path';
import {
  compileGlobs,
  createTaxonomyWorkspace,
  globEscapesRoot,
  loadWorkspace,
  parseConfig,
  RULE_IDS,
  type FileHost,
} from '../../server/src/core';
import { NodeFileHost } from '../../server/src/node/nodeFileHost';
import { readSettings } from '../../server/src/lsp/settings';
import { contentSecurityPolicy, webviewShell } from '../../client/src/webviewHtml';
import { COMMANDS } from '../../client/src/commandIds';
import { cli, tempTree } from '../cli/support/cli';
import { lines, memoryWorkspace, baseTaxonomy, diagnosticsOf } from '../support/workspace';

const REPO = path.join(__dirname, '../..');

/** Every .ts file below a folder. */
function sources(dir: string): string[] {
  return readdirSync(path.join(REPO, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = `${dir}/${e.name}`;
    if (e.isDirectory()) return sources(rel);
    return /\.ts$/.test(e.name) ? [rel] : [];
  });
}

/** Source text without comments, so prose about `eval` does not count. */
function code(rel: string): string {
  // Block comments that open a line, and line comments after whitespace: a glob such as
  // '**/*.md' in a string is neither.
  return readFileSync(path.join(REPO, rel), 'utf8')
    .replace(/^\s*\/\*[\s\S]*?\*\//gm, '')
    .replace(/(^|\s)\/\/.*$/gm, '$1');
}

describe('security', () => {
  describe('config globs stay inside the taxonomy', () => {
    const escaping = [
      '../docs/*.md',
      '../../**/*.md',
      'docs/../../x.md',
      '/etc/*.md',
      '~/notes/*.md',
      'C:/docs/*.md',
      'c:\\docs\\*.md',
      '..\\outside\\*.md',
      '{..,docs}/*.md',
      'docs/{a,..}/*.md',
      '..',
    ];
    const fine = [
      '**/*.md',
      'docs/**/*.md',
      './guides/*.md',
      'notes..md',
      '..md/*.md',
      'a/..b/*.md',
      'docs/{a,b}/*.md',
    ];

    it('recognises every way of pointing outside, and nothing else', () => {
      for (const g of escaping) assert.equal(globEscapesRoot(g), true, g);
      for (const g of fine) assert.equal(globEscapesRoot(g), false, g);
    });

    it('the config file refuses them with a problem at the glob, and keeps the rest', () => {
      const text = lines(
        'docs:',
        ...escaping.map((g) => `  - ${JSON.stringify(g)}`),
        '  - "guides/*.md"',
        'ignore:',
        '  - "../**"',
      );
      const { config, problems } = parseConfig(text, RULE_IDS);
      assert.deepEqual(config.docs, ['guides/*.md']);
      assert.deepEqual(config.ignore, []);
      assert.equal(problems.length, escaping.length + 1);
      for (const p of problems) assert.match(p.message, /points outside the workspace/);
      // Each problem is on its own line of the config, at the glob.
      assert.deepEqual(
        problems.map((p) => p.range.start.line),
        [...escaping.map((_, i) => i + 1), escaping.length + 3],
      );
    });

    it('the editor setting drops them too', () => {
      assert.deepEqual(readSettings({ docs: { globs: [...escaping, 'guides/*.md'] } }).docsGlobs, ['guides/*.md']);
    });

    it('a path outside the root never matches, whatever the glob', () => {
      const globs = compileGlobs({ ...parseConfig('', RULE_IDS).config, docs: ['**', '**/*', '*/**/*.md', '{**,x}'] });
      const ws = createTaxonomyWorkspace({ ...parseConfig('', RULE_IDS).config, docs: ['**', '{**,x}'] });
      for (const p of ['../x.md', '../../etc/x.md', '/etc/x.md', '..']) assert.equal(ws.accepts(p), false, p);
      assert.ok(globs.docs.length === 4);
    });
  });

  describe('no code from the workspace is ever run', () => {
    it('no eval, Function constructor, vm, child processes or computed require/import in our code', () => {
      const files = [...sources('server/src'), ...sources('client/src'), ...sources('client/webview')];
      assert.ok(files.length > 50);
      const forbidden: [RegExp, string][] = [
        [/\beval\s*\(/, 'eval'],
        [/\bnew\s+Function\s*\(|\bFunction\s*\(\s*['"`]/, 'the Function constructor'],
        [/['"](node:)?vm['"]/, 'the vm module'],
        [/['"](node:)?child_process['"]/, 'child processes'],
        [/\brequire\s*\(\s*[^'"\s)]/, 'a computed require'],
        [/\bimport\s*\(\s*[^'"\s)]/, 'a computed dynamic import'],
        [/\brequire\.resolve\s*\(|createRequire\s*\(/, 'module resolution at run time'],
        [/setTimeout\s*\(\s*['"`]|setInterval\s*\(\s*['"`]/, 'timers with code strings'],
      ];
      // The processes started: git, for `lint --changed-since` only, without a shell and with
      // the repository's settings that name a program overridden (changedSince.test.ts checks it);
      // and the language server itself, node (`process.execPath`) running the server's own script
      // with our flags, without a shell (serverThread.ts; serverThread.test.ts checks it).
      const allowed = new Set([
        'server/src/node/git.ts: child processes',
        'server/src/lsp/serverThread.ts: child processes',
      ]);
      const found: string[] = [];
      for (const f of files) {
        const text = code(f);
        for (const [re, what] of forbidden)
          if (re.test(text) && !allowed.has(`${f}: ${what}`)) found.push(`${f}: ${what}`);
      }
      assert.deepEqual(found, []);
    });

    it("the JSON Schemas the validator compiles are ours, read at build time, never the workspace's", () => {
      // A `$schema` or `$ref` in a taxonomy file or the config is data, not a schema to load.
      const ws = memoryWorkspace({
        ...baseTaxonomy(),
        'x.persona.yaml': lines(
          '$schema: "https://evil.example/s.json"',
          'kind: persona',
          'id: x',
          'name: X',
          'owner: cx-ops',
          '$ref: "file:///etc/passwd"',
        ),
      });
      assert.ok(diagnosticsOf(ws, 'x.persona.yaml', 'schema').length >= 1);
      for (const f of sources('server/src/core'))
        assert.doesNotMatch(code(f), /\b(fetch|https?\.get|loadSchema)\s*\(/, f);
    });

    it('a plugin, a JavaScript config or a YAML code tag in the workspace is never loaded', async () => {
      const marker = 'ran.txt';
      const evil = `require('fs').writeFileSync(require('path').join(__dirname, '${marker}'), 'pwned');\nmodule.exports = {};\n`;
      const tree = tempTree({
        'org.teams.yaml': 'kind: teams\nteams:\n  - id: cx-ops\n    name: CX\n    function: cx\n',
        'p.persona.yaml': lines(
          'kind: persona',
          'id: p',
          'name: P',
          'owner: cx-ops',
          'description: !!js/function \'function () { require("fs").writeFileSync("ran.txt", "x") }\'',
        ),
        'evil.js': evil,
        'cx-taxonomy.config.js': evil,
        '.cx-taxonomyrc.js': evil,
        'rules/custom.js': evil,
        'package.json': JSON.stringify({
          name: 'x',
          'cx-taxonomy': { plugins: ['./evil.js'] },
          scripts: { postinstall: 'node evil.js' },
        }),
      });
      try {
        // The CLI over the tree, with no config file: the JavaScript around it is ignored.
        const r = await cli(['lint', '.', '--format', 'json'], { cwd: tree.dir });
        assert.ok(r.code === 0 || r.code === 1, r.stderr);
        assert.equal(existsSync(path.join(tree.dir, marker)), false, 'workspace code ran');
        // A config that asks for plugins: an unknown setting (exit 2), nothing loaded.
        writeFileSync(
          path.join(tree.dir, 'cx-taxonomy.config.yaml'),
          lines('plugins:', '  - ./evil.js', 'rules:', '  custom/rule: error'),
        );
        const r2 = await cli(['lint', '.'], { cwd: tree.dir });
        assert.equal(r2.code, 2);
        assert.match(r2.stderr, /`plugins` is not a setting/);
        // The language server's path: the core over the same tree.
        const ws = createTaxonomyWorkspace();
        await loadWorkspace(new NodeFileHost(tree.dir) as FileHost, ws, RULE_IDS);
        ws.flush();
        assert.equal(existsSync(path.join(tree.dir, marker)), false, 'workspace code ran');
      } finally {
        tree.dispose();
      }
    });
  });

  describe('webviews', () => {
    const html = webviewShell({
      cspSource: 'https://file+.vscode-resource.vscode-cdn.net',
      styleUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/media/journeyMap.css',
      scriptUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/media/journeyMap.js',
      title: 'Journey Map',
    });

    it("the CSP allows only the extension's own resources and nonce-tagged code", () => {
      const nonce = /'nonce-([^']+)'/.exec(html)![1];
      assert.ok(nonce.length >= 22);
      const csp = contentSecurityPolicy('vscode-webview://abc', nonce);
      const directives = new Map(csp.split(/;\s*/).map((d) => [d.split(' ')[0], d.split(' ').slice(1)]));
      assert.deepEqual(directives.get('default-src'), ["'none'"]);
      assert.deepEqual(directives.get('script-src'), [`'nonce-${nonce}'`]);
      for (const [name, sources_] of directives) {
        for (const s of sources_)
          assert.ok(
            s === "'none'" || s === 'vscode-webview://abc' || s === `'nonce-${nonce}'` || s === 'data:',
            `${name} allows ${s}`,
          );
      }
      assert.ok(!directives.has('connect-src'), 'no connections: connect-src falls back to none');
      // Every page load gets a new nonce.
      assert.notEqual(
        /'nonce-([^']+)'/.exec(webviewShell({ cspSource: 'x', styleUri: 'a', scriptUri: 'b', title: 't' }))![1],
        nonce,
      );
    });

    it('both panels build their page with the shell, scripts on, command links off, resources from dist/media only', () => {
      // One module sets every panel up; each panel goes through it and sets no html of its own.
      const shared = code('client/src/webviewPanel.ts');
      assert.match(shared, /webview\.html = webviewShell\(/);
      assert.equal((shared.match(/\.html\s*=/g) ?? []).length, 1, 'the html is set once, from the shell');
      assert.match(shared, /localResourceRoots: \[vscode\.Uri\.joinPath\(extensionUri, \.\.\.MEDIA_FOLDER\)\]/);
      assert.match(shared, /enableScripts: true/);
      assert.match(shared, /enableCommandUris: false/);
      for (const panel of ['client/src/journeyMap/panel.ts', 'client/src/ownershipReport/panel.ts']) {
        const text = code(panel);
        assert.match(text, /loadWebviewPage\(/, panel);
        assert.match(text, /webviewPanelOptions\(this\.host\.extensionUri\)/, panel);
        assert.equal((text.match(/\.html\s*=/g) ?? []).length, 0, `${panel} sets no html but the shell's`);
        assert.doesNotMatch(text, /enableCommandUris:\s*true/, panel);
      }
    });

    it('webview scripts and styles load nothing remote and never parse user text as HTML', () => {
      // The sources, and the bundles the panels actually load (when built).
      const built = existsSync(path.join(REPO, 'dist/media'))
        ? readdirSync(path.join(REPO, 'dist/media'))
            .filter((f) => /\.(js|css)$/.test(f))
            .map((f) => `dist/media/${f}`)
        : [];
      const files = [
        ...sources('client/webview'),
        ...readdirSync(path.join(REPO, 'client/media')).map((f) => `client/media/${f}`),
        ...built,
      ];
      for (const f of files) {
        const text = code(f);
        const urls = (text.match(/\b(?:https?:)?\/\/[a-z0-9.-]+\.[a-z]{2,}[^\s'"`)]*/gi) ?? []).filter(
          (u) => !u.startsWith('http://www.w3.org/'),
        );
        assert.deepEqual(urls, [], `${f} names remote URLs`);
        assert.doesNotMatch(text, /@import\s+(url\()?\s*['"]?(https?:)?\/\/|url\(\s*['"]?(https?:)?\/\//i, f);
        assert.doesNotMatch(
          text,
          /\.(innerHTML|outerHTML)\s*=|insertAdjacentHTML|document\.write|DOMParser|createContextualFragment/,
          f,
        );
      }
    });
  });

  describe('untrusted workspaces: the declared limited mode', () => {
    const pkg = JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8'));

    it('declares limited support and restricts the settings that widen what is read', () => {
      const u = pkg.capabilities.untrustedWorkspaces;
      assert.equal(u.supported, 'limited');
      assert.deepEqual([...u.restrictedConfigurations].sort(), ['cxTaxonomy.docs.globs', 'cxTaxonomy.files.maxSize']);
    });

    it('every command that writes files is disabled until the workspace is trusted', () => {
      const writes = Object.entries(COMMANDS)
        .filter(([, info]) => 'writes' in info && info.writes)
        .map(([id]) => id);
      assert.ok(writes.length >= 5);
      for (const id of writes) {
        const c = pkg.contributes.commands.find((x: { command: string }) => x.command === id);
        assert.equal(c.enablement, 'isWorkspaceTrusted', id);
        const palette = pkg.contributes.menus.commandPalette.find((x: { command: string }) => x.command === id);
        assert.equal(palette?.when, 'isWorkspaceTrusted', id);
      }
    });

    /** Loads the command table with a stand-in `vscode` module. */
    function withFakeVscode<T>(
      isTrusted: boolean,
      run: (table: Record<string, (...a: unknown[]) => unknown>, calls: string[]) => T,
    ): T {
      const calls: string[] = [];
      const fake = {
        Uri: class {},
        workspace: {
          isTrusted,
          workspaceFolders: [],
          fs: { writeFile: async () => void calls.push('writeFile'), stat: async () => ({}) },
        },
        window: {
          showWarningMessage: async (m: string) => void calls.push(`warning: ${m}`),
          showInputBox: async () => void calls.push('showInputBox'),
          showQuickPick: async () => void calls.push('showQuickPick'),
          showErrorMessage: async (m: string) => void calls.push(`error: ${m}`),
        },
        InputBoxValidationSeverity: { Info: 1 },
      };
      const loader = Module as unknown as { _load: (request: string, parent: unknown, isMain: boolean) => unknown };
      const original = loader._load;
      loader._load = function (request, parent, isMain) {
        return request === 'vscode' ? fake : original.call(this, request, parent, isMain);
      };
      try {
        const modPath = require.resolve('../../client/src/commands');
        delete require.cache[modPath];
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const { commandTable } = require(modPath) as typeof import('../../client/src/commands');
        return run(commandTable({} as never) as unknown as Record<string, (...a: unknown[]) => unknown>, calls);
      } finally {
        loader._load = original;
        delete require.cache[require.resolve('../../client/src/commands')];
      }
    }

    it('the New commands refuse to write in Restricted Mode, even when run directly', async () => {
      const calls = await withFakeVscode(false, async (table, calls) => {
        for (const id of [
          'cxTaxonomy.newPersona',
          'cxTaxonomy.newSegment',
          'cxTaxonomy.newJourney',
          'cxTaxonomy.newKpi',
          'cxTaxonomy.newGlossary',
        ])
          await table[id]();
        return calls;
      });
      assert.equal(calls.length, 5);
      for (const c of calls) assert.match(c, /^warning: CX Taxonomy does not create files in Restricted Mode/);
    });

    it('and go ahead (asking for a name first) once it is trusted', async () => {
      const calls = await withFakeVscode(true, async (table, calls) => {
        await table['cxTaxonomy.newPersona']();
        return calls;
      });
      assert.deepEqual(calls, ['showInputBox']);
    });

    it('granting trust restarts the server, so the lifted limits apply at once', () => {
      assert.match(code('client/src/ctx.ts'), /onDidGrantWorkspaceTrust\(\(\) => void this\.restart\(\)\)/);
      // Hover and completion Markdown is never trusted and never raw HTML, whatever the trust.
      assert.match(code('client/src/ctx.ts'), /markdown: \{ isTrusted: false, supportHtml: false \}/);
    });
  });
});
