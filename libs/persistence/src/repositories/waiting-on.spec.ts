import { DomainError } from '@aoc/domain/domain-error';
import { decodeCursor, encodeCursor, waitingOnQuery } from './waiting-on';

describe('the waiting-on cursor', () => {
  const planId = '0d3bb926-2217-46c3-890e-6a40f2ff23d5';

  it('carries the last plan’s key and id there and back', () => {
    for (const key of ['2026-01-13T12:13:37.348000Z', 'infinity']) {
      expect(decodeCursor(encodeCursor(key, planId))).toEqual({ key, planId });
    }
  });

  it('refuses anything that is not a cursor it made, with a 400', () => {
    for (const bad of [
      Buffer.from(`yesterday|${planId}`).toString('base64url'),
      Buffer.from(`2026-02-30T00:00:00.000000Z|${planId}`).toString('base64url'),
      Buffer.from(`2026-13-01T00:00:00.000000Z|${planId}`).toString('base64url'),
      Buffer.from('infinity|not-a-uuid').toString('base64url'),
      Buffer.from(`infinity|${planId}|more`).toString('base64url'),
      'abc',
    ]) {
      expect(() => decodeCursor(bad)).toThrow(DomainError);
    }
  });
});

describe('the waiting-on SQL', () => {
  it('is one statement whose values are all parameters, with only the kinds of blocker a stage keeps', () => {
    const all = waitingOnQuery({ limit: 50, country: "PT'; DROP TABLE plans; --", overdue: true });
    expect(all.text).not.toContain('DROP TABLE');
    expect(all.params).toEqual(["PT'; DROP TABLE plans; --"]);
    expect(all.text).toContain("'revision'");
    expect(all.text).toContain("'comment_window'");
    expect(all.text).toContain('k.key < now()');

    const revision = waitingOnQuery({ limit: 10, stage: 'REVISION' });
    expect(revision.text).not.toContain('FROM tasks t');
    expect(revision.text).not.toContain("'comment_window'");

    const consultation = waitingOnQuery({
      limit: 10,
      stage: 'NATIONAL_CONSULTATION',
      after: { key: 'infinity', planId: '0d3bb926-2217-46c3-890e-6a40f2ff23d5' },
    });
    expect(consultation.text).not.toContain("'revision'");
    expect(consultation.text).not.toContain("'comment_window'");
    expect(consultation.params).toEqual(['NATIONAL_CONSULTATION', 'infinity', '0d3bb926-2217-46c3-890e-6a40f2ff23d5']);
    // Without a country, the keys are not joined to the plans (the index alone answers).
    expect(consultation.text).not.toMatch(/FROM keys k JOIN plans/);
  });
});
