import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { nativeRelative, slashRelative } from '../../server/src/node/slashPath';

/** What the CLI wrote before: `path.relative` with forward slashes. */
const reference = (from: string, to: string) => path.relative(from, to).split(path.sep).join('/');

describe('slashRelative', () => {
  it('gives a file below the folder as a slice, the same as path.relative', () => {
    assert.equal(
      slashRelative('/repo/taxonomy', '/repo/taxonomy/journeys/onboarding.journey.yaml'),
      'journeys/onboarding.journey.yaml',
    );
  });

  it('agrees with path.relative on generated paths, odd ones included', () => {
    const segments = ['a', 'b', 'taxonomy', '.', '..', '', 'x.yaml', 'a b', 'é', '.hidden', '...'];
    let seed = 7;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const randomPath = () =>
      '/' + Array.from({ length: 1 + rand(4) }, () => segments[rand(segments.length)]).join('/') + (rand(8) ? '' : '/');
    for (let i = 0; i < 20000; i++) {
      const from = randomPath();
      const to = rand(2) ? `${from}/${randomPath().slice(1)}` : randomPath();
      assert.equal(slashRelative(from, to), reference(from, to), `${from} -> ${to}`);
      assert.equal(nativeRelative(from, to), path.relative(from, to), `${from} -> ${to}`);
    }
  });

  it('leaves relative folders and prefixes that are not folders to path.relative', () => {
    assert.equal(slashRelative('/repo/tax', '/repo/taxonomy/a.yaml'), '../taxonomy/a.yaml');
    assert.equal(slashRelative('repo', 'repo/a.yaml'), reference('repo', 'repo/a.yaml'));
    assert.equal(slashRelative('/repo', '/repo'), '');
    assert.equal(slashRelative('/repo', '/repo/a/'), 'a');
    assert.equal(slashRelative('/repo/', '/repo/a'), 'a');
    assert.equal(slashRelative('/repo', '/repo//a'), 'a');
    assert.equal(slashRelative('/', '/a/b'), 'a/b');
  });
});
