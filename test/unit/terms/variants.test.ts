import * as assert from 'node:assert/strict';
import { deletions, labelSkeleton, oneEditApart } from '../../../server/src/core/terms/variants';

describe('terms/variants: label skeletons and one-edit neighbours', () => {
  it('gives one skeleton to labels that differ in case, hyphens, spaces or a final plural', () => {
    for (const [a, b] of [
      ['E-mail', 'email'],
      ['check out', 'Checkouts'],
      ['Home page', 'homepage'],
      ['Self–service', 'self service'],
    ])
      assert.equal(labelSkeleton(a), labelSkeleton(b), `${a} / ${b}`);
  });

  it('gives one skeleton to British and American spellings, by pattern', () => {
    for (const [a, b] of [
      ['personalisation', 'personalization'],
      ['Personalised offers', 'personalized offer'],
      ['behaviour', 'behavior'],
      ['behavioural segment', 'behavioral segment'],
      ['favourite channel', 'favorite channel'],
      ['analyse', 'analyze'],
      ['analysing', 'analyzing'],
      ['contact centre', 'contact center'],
      ['fibre', 'fiber'],
      ['travelled', 'traveled'],
      ['cancelling', 'canceling'],
      ['enrolment', 'enrollment'],
      ['fulfil', 'fulfill'],
      ['catalogue', 'catalog'],
      ['loyalty programme', 'loyalty program'],
    ])
      assert.equal(labelSkeleton(a), labelSkeleton(b), `${a} / ${b}`);
  });

  it('keeps short and unrelated words apart', () => {
    for (const [a, b] of [
      ['rise', 'rize'],
      ['tour', 'tor'],
      ['filling', 'filing'],
      ['store', 'stoer'],
      ['segment', 'segments of one'],
    ])
      assert.notEqual(labelSkeleton(a), labelSkeleton(b), `${a} / ${b}`);
  });

  it('finds strings one edit apart, and no others', () => {
    assert.ok(oneEditApart('onboarding', 'onbording'));
    assert.ok(oneEditApart('onboarding', 'onboardings'));
    assert.ok(oneEditApart('retention', 'retension'));
    assert.ok(!oneEditApart('retention', 'retention'));
    assert.ok(!oneEditApart('ab', 'ba'));
    assert.ok(!oneEditApart('retention', 'retentions2'));
  });

  it('lists each one-letter deletion once, so two strings one edit apart share a key', () => {
    assert.deepEqual(deletions('aab'), ['ab', 'aa']);
    const keys = (s: string) => new Set([s, ...deletions(s)]);
    const shared = (a: string, b: string) => [...keys(a)].some((k) => keys(b).has(k));
    assert.ok(shared('onboarding', 'onbording'));
    assert.ok(shared('retention', 'retension'));
    assert.ok(!shared('retention', 'detections'));
  });
});
