import * as assert from 'node:assert/strict';
import {
  dayNumber,
  daysBetween,
  isIsoDate,
  localIsoDate,
  pinnedDateProblem,
  TODAY_ENV,
} from '../../server/src/core/dates';
import { daysPhrase } from '../../server/src/core/sunset';

describe('dates', () => {
  it('dayNumber counts days since 1970-01-01, leap days included', () => {
    assert.equal(dayNumber('1970-01-01'), 0);
    assert.equal(dayNumber('1970-01-02'), 1);
    assert.equal(dayNumber('1969-12-31'), -1);
    assert.equal(dayNumber('2000-03-01')! - dayNumber('2000-02-28')!, 2, '2000 is a leap year');
    assert.equal(dayNumber('1900-03-01')! - dayNumber('1900-02-28')!, 1, '1900 is not');
    assert.equal(dayNumber(' 2027-03-31 '), dayNumber('2027-03-31'), 'surrounding spaces are ignored');
  });

  it('dayNumber refuses what is not a real YYYY-MM-DD date', () => {
    for (const text of [
      '2026-02-30',
      '2027-02-29',
      '2026-13-01',
      '2026-00-10',
      '2026-04-31',
      '2026-1-5',
      '26-01-05',
      '',
      'soon',
      '2026-01-05T00:00',
    ])
      assert.equal(dayNumber(text), undefined, text);
    assert.equal(isIsoDate('2028-02-29'), true, 'a leap day');
    assert.equal(isIsoDate('2027-02-29'), false);
  });

  it('daysBetween is negative when the second date is earlier, undefined when either is no date', () => {
    assert.equal(daysBetween('2027-03-30', '2027-03-31'), 1);
    assert.equal(daysBetween('2027-03-31', '2027-03-31'), 0);
    assert.equal(daysBetween('2027-04-01', '2027-03-31'), -1);
    assert.equal(daysBetween('2026-12-31', '2027-01-01'), 1, 'across a year');
    assert.equal(daysBetween('2020-01-01', '2027-01-01'), 2557);
    assert.equal(daysBetween('2026-02-30', '2027-01-01'), undefined);
    assert.equal(daysBetween('2027-01-01', 'never'), undefined);
  });

  it('localIsoDate writes the local calendar date, zero-padded', () => {
    assert.equal(localIsoDate(new Date(2027, 0, 5, 23, 59)), '2027-01-05');
    assert.equal(localIsoDate(new Date(2027, 11, 31, 0, 0)), '2027-12-31');
  });

  it('pinnedDateProblem names the source and the value, and accepts a real date', () => {
    assert.equal(pinnedDateProblem(TODAY_ENV, '2027-01-05'), undefined);
    assert.equal(
      pinnedDateProblem('--today', '2027-02-30'),
      '--today must be a date written YYYY-MM-DD (for example 2027-01-31), not "2027-02-30".',
    );
  });

  it('daysPhrase words a count of days for messages', () => {
    assert.deepEqual([0, 1, -1, 12, -12, 2557, -2557].map(daysPhrase), [
      'today',
      'tomorrow',
      'yesterday',
      'in 12 days',
      '12 days ago',
      'in 2,557 days',
      '2,557 days ago',
    ]);
  });
});
