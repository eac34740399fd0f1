import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { ROOT } from './support/cli';
import { copyFromCheckout, packedPackage, run, scratch, type Packed } from './support/packed';

/** The files of the npm package: the CLI and the language server, never the extension's. */
function expectedFiles(): string[] {
  const schemas = readdirSync(path.join(ROOT, 'schemas'))
    .filter((f) => f.endsWith('.schema.json'))
    .map((f) => `schemas/${f}`);
  // The pages each diagnostic of the server links to (codeDescription.href).
  const ruleDocs = readdirSync(path.join(ROOT, 'docs', 'rules'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/rules/${f}`);
  return [
    'CHANGELOG.md',
    'LICENSE',
    'README.md',
    'dist/cli.js',
    'dist/parseWorker.js',
    'dist/server.js',
    'package.json',
    ...schemas,
    ...ruleDocs,
  ].sort();
}

/** The names of the entries of a zip file (a .vsix), read from its central directory. */
function zipEntries(file: string): string[] {
  const zip = readFileSync(file);
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  assert.ok(end >= 0, `${file} is not a zip file`);
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const names: string[] = [];
  for (let i = 0; i < count; i++) {
    assert.equal(zip.readUInt32LE(at), 0x02014b50, 'a central directory entry');
    const nameLength = zip.readUInt16LE(at + 28);
    names.push(zip.toString('utf8', at + 46, at + 46 + nameLength));
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return names;
}

/** The lint exit codes of the two samples, copied out of the checkout, through `cxTaxonomy`. */
function lintsTheSamples(
  cxTaxonomy: (args: string[], cwd: string) => { status: number | null; stdout: string; stderr: string },
  dir: string,
): void {
  const clean = copyFromCheckout('samples/acme-telecom', path.join(dir, 'acme-telecom'));
  const broken = copyFromCheckout('samples/with-problems', path.join(dir, 'with-problems'));
  const ok = cxTaxonomy(['lint', clean], dir);
  assert.equal(ok.status, 0, ok.stdout + ok.stderr);
  assert.match(ok.stdout, /^No problems in \d+ files\.\n$/);
  const bad = cxTaxonomy(['lint', broken, '--format', 'json'], dir);
  assert.equal(bad.status, 1, bad.stderr);
  const results = JSON.parse(bad.stdout) as { errorCount: number }[];
  assert.ok(results.some((r) => r.errorCount > 0));
}

describe('the npm package (npm pack of an unbuilt clone)', function () {
  // Packing builds the production bundles (a few seconds); each install takes about a second.
  this.timeout(180_000);
  let packed: Packed;
  /** The tarball unpacked: package/... */
  let unpacked: string;

  before(() => {
    packed = packedPackage();
    unpacked = scratch('unpacked');
    run('tar', ['-xzf', packed.tarball, '-C', unpacked], { cwd: unpacked });
  });

  it('npm pack prints only the tarball name on stdout, where pre-commit reads it', () => {
    // pre-commit 3.0.4 installs a node hook with `npm pack` and takes all of stdout as the name:
    // npm's "> cx-taxonomy prepare" banner there broke every install of the hook.
    assert.equal(packed.packStdout, `cx-taxonomy-${packed.version}.tgz\n`);
  });

  it('holds the CLI and server bundles, the schemas, the rule pages, README, LICENSE and CHANGELOG only, in under 1 MB', () => {
    const listed = run('tar', ['-tzf', packed.tarball], { cwd: unpacked })
      .stdout.split('\n')
      .filter((l) => l !== '' && !l.endsWith('/'))
      .map((l) => l.replace(/^package\//, ''))
      .sort();
    assert.deepEqual(listed, expectedFiles());
    const size = statSync(packed.tarball).size;
    assert.ok(size < 1_000_000, `the package is ${size} bytes`);
  });

  it('depends on nothing: its bundles carry every module, and name no source map it does not hold', () => {
    const manifest = JSON.parse(readFileSync(path.join(unpacked, 'package', 'package.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    for (const field of [
      'dependencies',
      'optionalDependencies',
      'peerDependencies',
      'bundleDependencies',
      'bundledDependencies',
    ]) {
      assert.equal(manifest[field], undefined, `package.json has ${field}`);
    }
    assert.deepEqual(manifest.bin, { 'cx-taxonomy': 'dist/cli.js' });
    for (const bundle of ['cli.js', 'server.js']) {
      const text = readFileSync(path.join(unpacked, 'package', 'dist', bundle), 'utf8');
      assert.doesNotMatch(text, /\/[/*]# sourceMappingURL=/, `${bundle} names a source map the package does not hold`);
    }
  });

  it('installs with npm i -g into an empty prefix, alone, and its cx-taxonomy prints the version and lints', () => {
    const dir = scratch('global');
    const prefix = path.join(dir, 'prefix');
    run('npm', ['install', '--global', '--prefix', prefix, packed.tarball, '--offline', '--no-audit', '--no-fund'], {
      cwd: dir,
    });
    const installed = path.join(prefix, 'lib', 'node_modules');
    assert.deepEqual(readdirSync(installed), ['cx-taxonomy']);
    assert.equal(existsSync(path.join(installed, 'cx-taxonomy', 'node_modules')), false);
    const bin = path.join(prefix, 'bin', 'cx-taxonomy');
    assert.equal(run(bin, ['--version'], { cwd: dir }).stdout, `${packed.version}\n`);
    lintsTheSamples((args, cwd) => run(bin, args, { cwd, allow: [1] }), dir);
  });

  it('installs with npm i -D into a project, alone, and npx cx-taxonomy lints', () => {
    const project = scratch('project');
    writeFileSync(
      path.join(project, 'package.json'),
      JSON.stringify({ name: 'a-taxonomy', version: '1.0.0', private: true }, null, 2) + '\n',
    );
    run('npm', ['install', '--save-dev', packed.tarball, '--offline', '--no-audit', '--no-fund'], { cwd: project });
    assert.deepEqual(
      readdirSync(path.join(project, 'node_modules')).filter((n) => !n.startsWith('.')),
      ['cx-taxonomy'],
    );
    const manifest = JSON.parse(readFileSync(path.join(project, 'package.json'), 'utf8')) as {
      devDependencies?: Record<string, string>;
    };
    assert.ok(manifest.devDependencies?.['cx-taxonomy'], 'saved as a devDependency');
    assert.equal(
      run('npx', ['--no-install', 'cx-taxonomy', '--version'], { cwd: project }).stdout,
      `${packed.version}\n`,
    );
    lintsTheSamples((args, cwd) => run('npx', ['--no-install', 'cx-taxonomy', ...args], { cwd, allow: [1] }), project);
  });
});

describe('the .vsix (vsce package --no-dependencies, as npm run package)', function () {
  this.timeout(180_000);
  let stage: string;
  let entries: string[];

  before(() => {
    stage = packedPackage().stage;
    const vsix = path.join(scratch('vsix'), 'cx-taxonomy.vsix');
    // `vscode:prepublish` rebuilds the production bundles in the clone first, as it does for a release.
    const vsce = path.join(ROOT, 'node_modules', '.bin', 'vsce');
    run(
      vsce,
      ['package', '--no-dependencies', '--allow-missing-repository', '--no-rewrite-relative-links', '--out', vsix],
      { cwd: stage, timeout: 170_000 },
    );
    entries = zipEntries(vsix)
      .filter((e) => e.startsWith('extension/'))
      .map((e) => e.slice('extension/'.length));
  });

  it('carries every image README.md shows and the icon, and no other', () => {
    const readme = readFileSync(path.join(stage, 'README.md'), 'utf8');
    const shown = [...readme.matchAll(/!\[[^\]]*\]\(([^)\s]+)[^)]*\)|<img[^>]*\ssrc="([^"]+)"/g)]
      .map((m) => m[1] ?? m[2])
      .filter((src) => !/^[a-z]+:/i.test(src))
      .map((src) => path.posix.normalize(src.replace(/^\.\//, '')));
    const icon = (JSON.parse(readFileSync(path.join(stage, 'package.json'), 'utf8')) as { icon: string }).icon;
    const images = entries.filter((e) => /\.(png|jpe?g|gif|svg|webp)$/i.test(e));
    assert.deepEqual([...new Set(images)].sort(), [...new Set([...shown, icon])].sort());
  });

  it('holds the client, the server and the webview assets, and no sourceMappingURL that points outside it', () => {
    for (const needed of [
      'package.json',
      'dist/client.js',
      'dist/server.js',
      'dist/parseWorker.js',
      'dist/media/journeyMap.js',
      'dist/media/ownershipReport.js',
    ]) {
      assert.ok(entries.includes(needed), `${needed} is missing from the .vsix`);
    }
    assert.ok(!entries.includes('dist/cli.js'), 'the extension does not run the CLI');
    // Every diagnostic links to its rule's page next to the server (codeDescription.href).
    const ruleDocs = readdirSync(path.join(ROOT, 'docs', 'rules')).filter((f) => f.endsWith('.md'));
    assert.deepEqual(
      entries.filter((e) => e.startsWith('docs/')).sort(),
      ruleDocs.map((f) => `docs/rules/${f}`).sort(),
    );
    for (const entry of entries.filter((e) => /\.(js|css)$/.test(e))) {
      const text = readFileSync(path.join(stage, entry), 'utf8');
      for (const m of text.matchAll(/\/[/*]# sourceMappingURL=([^\s*'"]+)/g)) {
        if (m[1].startsWith('data:')) continue;
        const target = path.posix.join(path.posix.dirname(entry), m[1]);
        assert.ok(entries.includes(target), `${entry} points at ${m[1]}, which the .vsix does not hold`);
      }
    }
  });
});
