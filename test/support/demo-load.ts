/**
 * The demo's reports over HTTP, for tests that need a realistic period in a running stack: the figures of
 * `npm run demo` (scripts/lib/demo-data.ts, seeded), every reporting unit but four for 2022-H1 (some
 * late, back-filled by an admin), some for 2021-H1, and the standing office's reviews — one report
 * returned with a comment and resubmitted (revision 2), a few accepted.
 */
import { randomUUID } from 'node:crypto';
import type { Template, Unit } from '../../shared/src';
import { DEMO_RETURN, demoReport, seededRandom } from '../../scripts/lib/demo-data';
import { call, CAMPAIGN, token } from './api';

export interface DemoLoad {
  submitted: string[];
  missing: string[];
  returned: string;
  accepted: string[];
}

export async function loadDemoReports(api: string, seed = 2022): Promise<DemoLoad> {
  const rnd = seededRandom(seed);
  const admin = await token('admin');
  const reviewer = await token('reviewer', 'PX03');
  const units = (await call<{ units: Unit[] }>(api, 'GET', `/campaigns/${CAMPAIGN}/units`, { token: admin }))
    .body.units;
  const template = (
    await call<{ templates: Template[] }>(api, 'GET', `/campaigns/${CAMPAIGN}/templates`, { token: admin })
  ).body.templates.find((t) => t.kind === 'results')!;
  const reporting = units.filter((u) => u.reports);
  const submit = async (unitId: string, periodId: string, report: object, receivedAt: string) => {
    const r = await call(api, 'POST', `/campaigns/${CAMPAIGN}/submissions`, {
      token: admin,
      json: {
        submissionId: randomUUID(),
        templateId: template.id,
        templateVersion: template.version,
        unitId,
        periodId,
        ...report,
        receivedAt,
      },
    });
    if (r.status !== 201)
      throw new Error(`submission ${unitId} ${periodId}: ${r.status} ${JSON.stringify(r.body)}`);
  };
  for (const u of reporting.slice(0, 12))
    await submit(u.id, '2021-H1', demoReport(rnd, u, 2021, 0.45), '2021-06-10T03:00:00+07:00');

  const missing = reporting
    .filter((u) => !['PX03', 'PC06', 'PC08'].includes(u.id))
    .slice(-4)
    .map((u) => u.id);
  const submitting = reporting.filter((u) => !missing.includes(u.id));
  const reports = new Map<string, ReturnType<typeof demoReport>>();
  for (const [i, u] of submitting.entries()) {
    const report = demoReport(rnd, u, 2022);
    reports.set(u.id, report);
    await submit(u.id, '2022-H1', report, `2022-06-${i % 7 === 3 ? '20' : '10'}T09:30:00+07:00`);
  }
  const review = async (unitId: string, action: 'accept' | 'return', comment?: string) => {
    const r = await call(api, 'POST', `/campaigns/${CAMPAIGN}/submissions/${unitId}/2022-H1/review`, {
      token: reviewer,
      json: { action, ...(comment ? { comment } : {}) },
    });
    if (r.status !== 200) throw new Error(`review ${unitId}: ${r.status} ${JSON.stringify(r.body)}`);
  };
  const returned = 'PC08';
  await review(returned, 'return', DEMO_RETURN.comment);
  const corrected = reports.get(returned)!;
  corrected.values.trainees = 96;
  await submit(returned, '2022-H1', corrected, '2022-06-14T08:00:00+07:00');
  const accepted = submitting
    .filter((u) => u.id !== returned)
    .slice(0, 10)
    .map((u) => u.id);
  for (const id of accepted) await review(id, 'accept');
  return { submitted: submitting.map((u) => u.id), missing, returned, accepted };
}
