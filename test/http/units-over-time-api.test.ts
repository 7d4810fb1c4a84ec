/**
 * Units over time over real HTTP against Azurite (docs/architecture.md "Units over time"): the Lạng Sơn
 * district police end on 2025-03-01 (campaigns/), Bắc Giang's calendar ends on 2025-07-01; successors and
 * earlier versions are put by an admin (PUT …/units). The tests run in order on one registry: the first
 * sees it as loaded from campaigns/, the later ones add to it.
 */
import type { Unit } from '../../shared/src';
import { call, CAMPAIGN, resultsReport, token } from '../support/api';
import { startApiTestStack, type ApiTestStack } from '../support/stack';

let stack: ApiTestStack;
let api: string;
const tokens = { admin: '', reviewer: '' };
const at = (iso: string) => {
  stack.services.now = () => new Date(iso);
};

beforeAll(async () => {
  stack = await startApiTestStack();
  api = stack.host.url;
  tokens.admin = await token('admin');
  tokens.reviewer = await token('reviewer', 'PX03');
}, 60_000);
afterAll(() => stack?.stop());

const submit = (
  body: ReturnType<typeof resultsReport> & { receivedAt?: string },
  t: string,
  campaign = CAMPAIGN,
) =>
  call(api, 'POST', `/campaigns/${campaign}/submissions`, {
    token: t,
    json: body,
    headers: { 'accept-language': 'vi' },
  });
const rollup = (periodId: string, query = '') =>
  call(api, 'GET', `/campaigns/${CAMPAIGN}/periods/${periodId}/rollup${query}`, { token: tokens.reviewer });
const registry = async (): Promise<Unit[]> =>
  (await call(api, 'GET', `/campaigns/${CAMPAIGN}/units`, { token: tokens.admin })).body.units;
const putRegistry = (units: unknown[]) =>
  call(api, 'PUT', `/campaigns/${CAMPAIGN}/units`, { token: tokens.admin, json: { units } });

describe('a unit outside its active time', () => {
  test('is not expected, and its report is refused for its clerk (409) but taken from an admin', async () => {
    at('2025-04-10T09:00:00+07:00');
    const clerk = await token('clerk', 'CAH-CAO-LOC');
    // 2025-Q1 is due 15/03/2025, after the district police ended (01/03/2025).
    const refused = await submit(resultsReport('CAH-CAO-LOC', '2025-Q1'), clerk);
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({
      code: 'unit_not_active',
      params: { unitId: 'CAH-CAO-LOC', periodId: '2025-Q1', due: '2025-03-15', activeUntil: '2025-03-01' },
    });
    expect(refused.body.error.message).toContain('kết thúc hoạt động từ ngày 01/03/2025');
    // The refused id is free again: the admin back-fills the same report.
    const report = resultsReport('CAH-CAO-LOC', '2025-Q1', { meetings_held: 3 });
    expect((await submit(report, clerk)).status).toBe(409);
    const backfilled = await submit({ ...report, receivedAt: '2025-03-20T08:00:00+07:00' }, tokens.admin);
    expect(backfilled.status).toBe(201);
    // A period due while the unit was active: a late report is still the clerk's to send.
    expect((await submit(resultsReport('CAH-CAO-LOC', '2024-Y'), clerk)).status).toBe(201);

    const status = await call(api, 'GET', `/campaigns/${CAMPAIGN}/units/CAH-CAO-LOC/status`, {
      token: clerk,
    });
    const states = Object.fromEntries(
      status.body.periods.map((p: { periodId: string; state: string }) => [p.periodId, p.state]),
    );
    expect(states).toMatchObject({
      '2024-Y': 'submitted',
      '2025-Q1': 'submitted', // the admin's back-filled report
      '2025-H1': 'not_expected',
      '2026-Y': 'not_expected',
    });
    // A department goes on as before (on 10/04/2025, 2025-H1 due 15/06 is still to come).
    const pc06 = await call(api, 'GET', `/campaigns/${CAMPAIGN}/units/PC06/status`, { token: tokens.admin });
    expect(pc06.body.periods.find((p: { periodId: string }) => p.periodId === '2025-H1').state).toBe(
      'upcoming',
    );

    // The roll-up expects the 40 reporting units before, 29 after (11 district police units ended).
    expect((await rollup('2024-Y')).body.completeness.expected).toBe(40);
    const after = await rollup('2025-Q1');
    expect(after.body.completeness.expected).toBe(29);
    expect(after.body.completeness.missing.filter((id: string) => id.startsWith('CAH-'))).toEqual([]);
    // The admin's back-filled report is in the figures, though nobody expected it.
    expect(after.body.totals.meetings_held).toBe(3);
  }, 60_000);

  test('a campaign that ended keeps its later periods, marked; nobody is expected; a clerk is refused', async () => {
    const campaigns = await call(api, 'GET', '/campaigns', { token: tokens.admin });
    const bacGiang = campaigns.body.campaigns.find(
      (c: { id: string }) => c.id === 'bac-giang-nu-cuoi-cong-so',
    );
    expect(bacGiang.note.vi).toContain('202/2025/QH15');
    const marked = bacGiang.periods
      .filter((p: { afterEnd?: boolean }) => p.afterEnd)
      .map((p: { id: string }) => p.id);
    expect(marked.sort()).toEqual(['2025-TK', '2025-Y']);
    const clerk = await token('clerk', 'SNV');
    const r = await submit(resultsReport('SNV', '2025-Y'), clerk, 'bac-giang-nu-cuoi-cong-so');
    expect(r.status).toBe(409);
    expect(r.body.error).toMatchObject({
      code: 'period_after_campaign_end',
      params: { periodId: '2025-Y', endsOn: '2025-07-01' },
    });
    const roll = await call(api, 'GET', '/campaigns/bac-giang-nu-cuoi-cong-so/periods/2025-Y/rollup', {
      token: tokens.admin,
    });
    expect(roll.body.completeness.expected).toBe(0);
    expect(
      (
        await call(api, 'GET', '/campaigns/bac-giang-nu-cuoi-cong-so/periods/2024-Y/rollup', {
          token: tokens.admin,
        })
      ).body.completeness.expected,
    ).toBeGreaterThan(0);
  }, 60_000);
});

describe('successors and earlier versions', () => {
  test('a successor’s same period last year adds up its predecessors; the province total counts each report once', async () => {
    at('2025-07-01T09:00:00+07:00');
    const units = await registry();
    const commune = (n: number): Unit => ({
      id: `T-XA-${n}`,
      name: `Đơn vị thử ${n}`,
      group: 'commune',
      parentId: 'CAT',
      pilot: false,
      reports: true,
      activeFrom: '2025-03-01',
    });
    const withSuccessors = units.map((u) =>
      u.id === 'CAH-VAN-LANG'
        ? { ...u, successors: ['T-XA-1', 'T-XA-2'] }
        : u.id === 'CAH-BAC-SON'
          ? { ...u, successors: ['T-XA-2'] }
          : u,
    );
    const bad = await putRegistry([
      ...withSuccessors.map((u) => (u.id === 'PX01' ? { ...u, successors: ['NOPE'] } : u)),
    ]);
    expect(bad.status).toBe(400);
    expect(bad.body.error.details).toEqual(
      expect.arrayContaining([expect.objectContaining({ code: 'unknown_successor', key: 'PX01' })]),
    );
    expect((await putRegistry([...withSuccessors, commune(1), commune(2)])).status).toBe(200);
    expect((await registry()).find((u) => u.id === 'CAH-VAN-LANG')?.successors).toEqual(['T-XA-1', 'T-XA-2']);

    const lastYear = { 'CAH-VAN-LANG': 7, 'CAH-BAC-SON': 5, PC08: 11 };
    for (const [unitId, n] of Object.entries(lastYear)) {
      const r = await submit(
        {
          ...resultsReport(unitId, '2024-H1', { meetings_held: n }),
          receivedAt: '2024-06-10T09:00:00+07:00',
        },
        tokens.admin,
      );
      expect(r.status).toBe(201);
    }
    // The new commune's clerk reports for 2025-H1: it is active.
    const clerk = await token('clerk', 'T-XA-1');
    expect((await submit(resultsReport('T-XA-1', '2025-H1', { meetings_held: 4 }), clerk)).status).toBe(201);

    const r = await rollup('2025-H1');
    expect(r.status).toBe(200);
    const previousOf = (id: string) =>
      r.body.previous.successors.find((u: { unitId: string }) => u.unitId === id);
    expect(previousOf('T-XA-1')).toMatchObject({ from: ['CAH-VAN-LANG'], values: { meetings_held: 7 } });
    expect(previousOf('T-XA-2')).toMatchObject({
      from: ['CAH-BAC-SON', 'CAH-VAN-LANG'].sort(
        (a, b) => units.findIndex((u) => u.id === a) - units.findIndex((u) => u.id === b),
      ),
      values: { meetings_held: 12 },
    });
    expect(previousOf('PC08')).toBeUndefined(); // no predecessor
    // The identity: the province's last year is every 2024-H1 report once.
    expect(r.body.previous.totals.meetings_held).toBe(7 + 5 + 11);
    expect(r.body.completeness.expected).toBe(29 + 2);
  }, 60_000);

  test('a roll-up of a past period uses the tree of that time (a unit moved to another parent and group)', async () => {
    const units = await registry();
    // PC06 was a team of the city police, in the district group, until 2023-01-01.
    const moved = units.map((u) =>
      u.id === 'PC06'
        ? {
            ...u,
            history: [{ until: '2023-01-01', name: 'Đội thử (cũ)', group: 'district', parentId: 'CATP' }],
          }
        : u,
    );
    expect((await putRegistry(moved)).status).toBe(200);
    for (const periodId of ['2022-Y', '2023-Y'])
      expect(
        (
          await submit(
            {
              ...resultsReport('PC06', periodId, { meetings_held: 6 }),
              receivedAt: `${periodId.slice(0, 4)}-11-01T09:00:00+07:00`,
            },
            tokens.admin,
          )
        ).status,
      ).toBe(201);
    const city2022 = await rollup('2022-Y', '?rootUnitId=CATP');
    expect(
      city2022.body.units.map((u: { unitId: string; name: string; group: string }) => [
        u.unitId,
        u.name,
        u.group,
      ]),
    ).toEqual([['PC06', 'Đội thử (cũ)', 'district']]);
    expect(city2022.body.totals.meetings_held).toBe(6);
    const city2023 = await rollup('2023-Y', '?rootUnitId=CATP');
    expect(city2023.body.units).toEqual([]);
    expect(city2023.body.totals.meetings_held).toBeNull();
    const whole2023 = await rollup('2023-Y');
    expect(whole2023.body.units.find((u: { unitId: string }) => u.unitId === 'PC06')).toMatchObject({
      name: units.find((u) => u.id === 'PC06')!.name,
      group: 'department',
    });
    // A loop of parents in an earlier version is refused.
    const loop = units.map((u) =>
      u.id === 'CAT'
        ? { ...u, history: [{ until: '2022-01-01', name: 'Gốc', group: 'board', parentId: 'PX03' }] }
        : u,
    );
    const refused = await putRegistry(loop);
    expect(refused.status).toBe(400);
    expect(refused.body.error.details.map((d: { code: string }) => d.code)).toContain('parent_cycle');
  }, 60_000);
});
