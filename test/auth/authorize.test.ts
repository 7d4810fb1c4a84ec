import { render } from '../../shared/src';
import {
  ACTION_KINDS,
  authorize,
  canAccessCampaign,
  type Action,
  type Principal,
  type Role,
} from '../../functions/src/auth/principal';

const OWN = 'PC06';
const OTHER = 'PA08';

const principals: Record<Role, Principal> = {
  clerk: { subject: 'clerk-1', roles: ['clerk'], unitId: OWN },
  reviewer: { subject: 'reviewer-1', roles: ['reviewer'] },
  admin: { subject: 'admin-1', roles: ['admin'] },
};

/** Every action kind, with the own/other unit and back-fill variants where they matter. */
const cases = {
  'read-campaigns': { kind: 'read-campaigns' },
  'read-units': { kind: 'read-units' },
  'write-units': { kind: 'write-units' },
  'read-templates': { kind: 'read-templates' },
  'publish-template': { kind: 'publish-template' },
  'write-campaign': { kind: 'write-campaign' },
  'submit own unit': { kind: 'submit', unitId: OWN, backfill: false },
  'submit own unit, back-fill': { kind: 'submit', unitId: OWN, backfill: true },
  'submit other unit': { kind: 'submit', unitId: OTHER, backfill: false },
  'submit other unit, back-fill': { kind: 'submit', unitId: OTHER, backfill: true },
  'read-submissions own unit': { kind: 'read-submissions', unitId: OWN },
  'read-submissions other unit': { kind: 'read-submissions', unitId: OTHER },
  'read-submissions all units': { kind: 'read-submissions' },
  review: { kind: 'review' },
  'read-rollup': { kind: 'read-rollup' },
  'write-locked-period': { kind: 'write-locked-period' },
  'lock-period': { kind: 'lock-period' },
} satisfies Record<string, Action>;

type CaseName = keyof typeof cases;
type Expected = 'ok' | string; // 'ok' or the 403 code

// prettier-ignore
const expected: Record<CaseName, Record<Role, Expected>> = {
  //                                  clerk (PC06)            reviewer            admin
  'read-campaigns':               { clerk: 'ok',                  reviewer: 'ok',             admin: 'ok' },
  'read-units':                   { clerk: 'ok',                  reviewer: 'ok',             admin: 'ok' },
  'write-units':                  { clerk: 'admin_only',          reviewer: 'admin_only',     admin: 'ok' },
  'read-templates':               { clerk: 'ok',                  reviewer: 'ok',             admin: 'ok' },
  'publish-template':             { clerk: 'admin_only',          reviewer: 'admin_only',     admin: 'ok' },
  'write-campaign':               { clerk: 'admin_only',          reviewer: 'admin_only',     admin: 'ok' },
  'submit own unit':              { clerk: 'ok',                  reviewer: 'submitter_only', admin: 'ok' },
  'submit own unit, back-fill':   { clerk: 'backfill_admin_only', reviewer: 'submitter_only', admin: 'ok' },
  'submit other unit':            { clerk: 'other_unit',          reviewer: 'submitter_only', admin: 'ok' },
  'submit other unit, back-fill': { clerk: 'other_unit',          reviewer: 'submitter_only', admin: 'ok' },
  'read-submissions own unit':    { clerk: 'ok',                  reviewer: 'ok',             admin: 'ok' },
  'read-submissions other unit':  { clerk: 'other_unit',          reviewer: 'ok',             admin: 'ok' },
  'read-submissions all units':   { clerk: 'other_unit',          reviewer: 'ok',             admin: 'ok' },
  review:                         { clerk: 'reviewer_only',       reviewer: 'ok',             admin: 'ok' },
  'read-rollup':                  { clerk: 'reviewer_only',       reviewer: 'ok',             admin: 'ok' },
  'write-locked-period':          { clerk: 'locked_period',       reviewer: 'locked_period',  admin: 'ok' },
  'lock-period':                  { clerk: 'admin_only',          reviewer: 'admin_only',     admin: 'ok' },
};

describe('authorisation matrix', () => {
  it('covers every kind of action', () => {
    const covered = new Set(Object.values(cases).map((a: Action) => a.kind));
    expect([...covered].sort()).toEqual([...ACTION_KINDS].sort());
  });

  const rows = (Object.keys(cases) as CaseName[]).flatMap((name) =>
    (['clerk', 'reviewer', 'admin'] as const).map((role) => [name, role] as const),
  );

  it.each(rows)('%s as %s', (name, role) => {
    const decision = authorize(principals[role], cases[name]);
    const want = expected[name][role];
    if (want === 'ok') {
      expect(decision).toEqual({ ok: true });
    } else {
      expect(decision).toMatchObject({ ok: false, status: 403, code: want });
      if (!decision.ok) expect(decision.problem.code).toBe(want);
    }
  });

  it('tells a clerk submitting for another unit, in Vietnamese by default and in English', () => {
    const decision = authorize(principals.clerk, cases['submit other unit']);
    expect(decision).toMatchObject({ ok: false, status: 403, code: 'other_unit' });
    if (decision.ok) throw new Error('allowed');
    expect(render(decision.problem)).toBe('Chỉ được nộp báo cáo cho đơn vị mình.');
    expect(render(decision.problem, 'en')).toBe('You may only submit reports for your own unit.');
  });
});

describe('authorisation edge cases', () => {
  it('denies a principal without any known role', () => {
    expect(authorize({ subject: 'x', roles: [] }, { kind: 'read-campaigns' })).toMatchObject({
      ok: false,
      status: 403,
      code: 'no_role',
    });
    const bogus = { subject: 'x', roles: ['superuser'] } as unknown as Principal;
    expect(authorize(bogus, { kind: 'read-units' })).toMatchObject({ ok: false, code: 'no_role' });
  });

  it('denies a clerk without a unit its unit-bound actions', () => {
    const clerk: Principal = { subject: 'c', roles: ['clerk'] };
    expect(authorize(clerk, { kind: 'submit', unitId: OWN, backfill: false })).toMatchObject({
      code: 'no_unit',
    });
    expect(authorize(clerk, { kind: 'read-submissions', unitId: OWN })).toMatchObject({ code: 'no_unit' });
    expect(authorize(clerk, { kind: 'read-templates' })).toEqual({ ok: true });
  });

  it('compares units after Unicode normalisation', () => {
    const clerk: Principal = { subject: 'c', roles: ['clerk'], unitId: 'ĐTN'.normalize('NFC') };
    const decomposed = 'ĐTN'.normalize('NFD');
    expect(authorize(clerk, { kind: 'submit', unitId: decomposed, backfill: false })).toEqual({ ok: true });
    expect(authorize(clerk, { kind: 'submit', unitId: 'dtn', backfill: false })).toMatchObject({
      code: 'other_unit',
    });
  });

  it('allows when any of several roles allows', () => {
    const both: Principal = { subject: 'b', roles: ['clerk', 'reviewer'], unitId: OWN };
    expect(authorize(both, { kind: 'read-submissions', unitId: OTHER })).toEqual({ ok: true });
    expect(authorize(both, { kind: 'review' })).toEqual({ ok: true });
    expect(authorize(both, { kind: 'submit', unitId: OWN, backfill: false })).toEqual({ ok: true });
    // Neither role may submit for another unit: the first role's denial is reported.
    expect(authorize(both, { kind: 'submit', unitId: OTHER, backfill: false })).toMatchObject({
      code: 'other_unit',
    });
    expect(authorize(both, { kind: 'publish-template' })).toMatchObject({ code: 'admin_only' });
  });

  it('restricts to the principal’s campaigns when it has a list', () => {
    const restricted: Principal = { subject: 'r', roles: ['admin'], campaignIds: ['001'] };
    expect(authorize(restricted, { kind: 'write-units', campaignId: '001' })).toEqual({ ok: true });
    expect(authorize(restricted, { kind: 'write-units', campaignId: '002' })).toMatchObject({
      ok: false,
      status: 403,
      code: 'campaign_forbidden',
    });
    expect(authorize(principals.admin, { kind: 'write-units', campaignId: '002' })).toEqual({ ok: true });
    expect(canAccessCampaign(restricted, '001')).toBe(true);
    expect(canAccessCampaign(restricted, '002')).toBe(false);
    expect(canAccessCampaign(principals.clerk, '002')).toBe(true);
  });
});

describe('a reviewer bound to the campaigns of its standing office', () => {
  const reviewer: Principal = {
    subject: 'px03',
    roles: ['reviewer'],
    unitId: 'PX03',
    standingOfficeOf: ['ls'],
  };

  test('reaches its campaigns only', () => {
    expect(canAccessCampaign(reviewer, 'ls')).toBe(true);
    expect(canAccessCampaign(reviewer, 'bg')).toBe(false);
    expect(authorize(reviewer, { kind: 'review', campaignId: 'ls' })).toEqual({ ok: true });
    expect(authorize(reviewer, { kind: 'review', campaignId: 'bg' })).toMatchObject({
      ok: false,
      code: 'campaign_forbidden',
    });
    expect(authorize(reviewer, { kind: 'read-rollup', campaignId: 'bg' })).toMatchObject({ ok: false });
  });

  test('the binding narrows the reviewer role only: an admin role keeps every campaign', () => {
    const both: Principal = { ...reviewer, roles: ['reviewer', 'admin'] };
    expect(canAccessCampaign(both, 'bg')).toBe(true);
    expect(authorize(both, { kind: 'review', campaignId: 'bg' })).toEqual({ ok: true });
  });

  test('a campaign limit still applies to every role', () => {
    const limited: Principal = { subject: 'a', roles: ['admin'], campaignIds: ['ls'] };
    expect(authorize(limited, { kind: 'write-units', campaignId: 'bg' })).toMatchObject({
      code: 'campaign_forbidden',
    });
  });
});
