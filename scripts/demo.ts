/**
 * `npm run demo`: brings up the local stack by itself (Azurite in memory, the API on a free port),
 * has the Lạng Sơn units report on “Nụ cười chiến sĩ” for the first half of 2022 — and some for
 * the first half of 2021, so “same period last year” has numbers — then writes the standing
 * office's summary workbook, its narrative report (.docx) and a blank template workbook, and stops
 * the stack.
 *
 * What happens, deterministically (seeded pseudo-random figures in the spirit of the seed articles):
 * all reporting units but four report for 2022-H1, most before the 15/06 deadline and a few after
 * (received on paper and back-filled by an admin with their received date), three by uploading the
 * filled template workbook; PX03 accepts most reports and returns one for correction with a
 * comment, and that unit resubmits.
 *
 * Options: --out-dir <dir> (default out/demo), --seed <n> (default 2022).
 * Exit codes: 0 done, 1 something failed, 2 bad arguments.
 */
import fs from 'node:fs';
import path from 'node:path';
import { loadAuthConfig } from '../functions/src/auth/config';
import { mintDevToken } from '../functions/src/auth/dev-tokens';
import { loadCampaignBundles } from '../functions/src/catalog/campaign-files';
import { formatLocalDateTime, type Receipt, type Rollup, type Template, type Unit } from '../shared/src';
import { apiClient, ApiError, type ApiClient } from './lib/api-client';
import {
  DEMO_COMMUNE_POLICE,
  DEMO_PEOPLE,
  DEMO_RETURN,
  demoReport,
  seededRandom,
  type DemoReport,
  type Random,
} from './lib/demo-data';
import { fillTemplateWorkbook } from './lib/fill-template';
import { startLocalStack } from './lib/local-stack';
import { type Io, processIo, readCliArgs, runCli } from './lib/cli';

export const CAMPAIGN = 'lang-son-nu-cuoi-chien-si';
const TIME_ZONE = 'Asia/Ho_Chi_Minh';
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const USAGE = 'Usage: demo [--out-dir out/demo] [--seed 2022]\n';

/** An instant in Vietnam's time zone (UTC+7, no daylight saving). */
const local = (date: string, time: string) => `${date}T${time}:00+07:00`;
const day = (n: number) => String(n).padStart(2, '0');

export async function main(
  argv: string[],
  env: Record<string, string | undefined>,
  io: Io = processIo,
): Promise<number> {
  const args = readCliArgs('demo', USAGE, argv, io, {
    'out-dir': { type: 'string' },
    seed: { type: 'string' },
  });
  if (args.exit !== undefined) return args.exit;
  const { values, usageError } = args;
  const seed = Number(values.seed ?? 2022);
  if (!Number.isInteger(seed)) return usageError('--seed must be an integer.');
  const outDir = path.resolve(values['out-dir'] ?? path.join(__dirname, '..', 'out', 'demo'));
  const say = (line: string) => io.out(`${line}\n`);

  say('▸ starting Azurite (in memory) and the API…');
  const started = Date.now();
  // The stack's own settings (development auth), whatever the shell has: the demo mints its tokens.
  const stackEnv = { AUTH_MODE: 'dev', MAX_BODY_BYTES: env.MAX_BODY_BYTES };
  const stack = await startLocalStack({ port: 0, env: stackEnv });
  try {
    say(`  API: ${stack.host.url}`);
    await run(apiClient(stack.host.url), seededRandom(seed), outDir, say, stackEnv);
    say(`✔ done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return 0;
  } catch (error) {
    const details = error instanceof ApiError && error.details ? ` ${JSON.stringify(error.details)}` : '';
    io.err(`demo: ${error instanceof Error ? error.message : String(error)}${details}\n`);
    return 1;
  } finally {
    say('▸ stopping the API and Azurite');
    await stack.stop();
  }
}

async function run(
  api: ApiClient,
  rnd: Random,
  outDir: string,
  say: (line: string) => void,
  env: Record<string, string | undefined>,
) {
  const auth = loadAuthConfig(env);
  const admin = await mintDevToken(auth, DEMO_PEOPLE.admin);
  const reviewer = await mintDevToken(auth, DEMO_PEOPLE.reviewer);
  const bundle = loadCampaignBundles().find((b) => b.campaign.id === CAMPAIGN)!;

  const units = (await api.ok<{ units: Unit[] }>('GET', `/campaigns/${CAMPAIGN}/units`, { token: admin }))
    .json!.units;
  const reporting = units.filter((u) => u.reports);
  const template = (
    await api.ok<{ templates: Template[] }>('GET', `/campaigns/${CAMPAIGN}/templates`, { token: admin })
  ).json!.templates.find((t) => t.kind === 'results')!;
  say(`  ${reporting.length} reporting units; template ${template.id} version ${template.version}`);

  const submit = async (unitId: string, periodId: string, report: DemoReport, receivedAt: string) => {
    const r = await api.ok<Receipt>('POST', `/campaigns/${CAMPAIGN}/submissions`, {
      token: admin,
      json: {
        submissionId: rnd.uuid(),
        templateId: template.id,
        templateVersion: template.version,
        unitId,
        periodId,
        ...report,
        receivedAt,
      },
    });
    return r.json!;
  };
  const receipt = (unit: string, r: Receipt, how = '') =>
    say(
      `  ${r.onTime ? '✓' : '⏰'} ${unit.padEnd(15)} revision ${r.revision}, received ${formatLocalDateTime(r.receivedAt, TIME_ZONE)}` +
        `${r.onTime ? '' : ' (late)'}${how}`,
    );

  // 2021-H1: the campaign began on 21/04/2021, so two months of figures, and not every unit yet.
  say('▸ 2021-H1 reports (for the same-period comparison)…');
  const earlier = rnd.shuffle(reporting).slice(0, 31);
  let lateLastYear = 0;
  for (const u of earlier) {
    const late = rnd.chance(0.1);
    lateLastYear += late ? 1 : 0;
    const date = late ? `2021-06-${day(rnd.int(16, 25))}` : `2021-06-${day(rnd.int(1, 14))}`;
    await submit(
      u.id,
      '2021-H1',
      demoReport(rnd, u, 2021, 0.45),
      local(date, `${day(rnd.int(7, 16))}:${day(rnd.int(0, 59))}`),
    );
  }
  say(`  ${earlier.length} units reported (${lateLastYear} late)`);

  // 2022-H1: everyone but four; five late; three by uploading the filled template workbook.
  say('▸ 2022-H1 reports (due 15/06/2022)…');
  const keep = new Set(['PX03', 'PC06', 'PC08', 'PA08', 'CATP']); // the standing office and the pilot units
  const order = rnd.shuffle(reporting);
  const missing = order.filter((u) => !keep.has(u.id)).slice(0, 4);
  const submitting = reporting.filter((u) => !missing.includes(u));
  const lateOnes = new Set(
    rnd
      .shuffle(submitting.filter((u) => !keep.has(u.id)))
      .slice(0, 5)
      .map((u) => u.id),
  );
  const byWorkbook = new Set(
    rnd
      .shuffle(submitting.filter((u) => !keep.has(u.id) && !lateOnes.has(u.id)))
      .slice(0, 3)
      .map((u) => u.id),
  );
  const reports = new Map<string, DemoReport>();
  for (const u of submitting) {
    const report = demoReport(rnd, u, 2022);
    reports.set(u.id, report);
    const date = lateOnes.has(u.id) ? `2022-06-${day(rnd.int(16, 24))}` : `2022-06-${day(rnd.int(1, 13))}`;
    const receivedAt = local(date, `${day(rnd.int(7, 16))}:${day(rnd.int(0, 59))}`);
    if (byWorkbook.has(u.id)) {
      const blank = await api.ok(
        'GET',
        `/campaigns/${CAMPAIGN}/templates/${template.id}/versions/${template.version}?format=xlsx&unitId=${encodeURIComponent(u.id)}&periodId=2022-H1`,
        {
          token: admin,
        },
      );
      const filled = await fillTemplateWorkbook(blank.bytes, template, bundle.campaign, report);
      const r = await api.ok<Receipt>(
        'POST',
        `/campaigns/${CAMPAIGN}/submissions?receivedAt=${encodeURIComponent(receivedAt)}`,
        { token: admin, body: filled, contentType: XLSX_TYPE },
      );
      receipt(u.id, r.json!, ' — uploaded as the template workbook');
    } else {
      receipt(u.id, await submit(u.id, '2022-H1', report, receivedAt));
    }
  }
  say(`  missing: ${missing.map((u) => u.id).join(', ')}`);

  // The standing office reviews: one report goes back for correction, most are accepted.
  say('▸ the standing office (PX03) reviews…');
  const review = (unitId: string, action: 'accept' | 'return', comment?: string) =>
    api.ok('POST', `/campaigns/${CAMPAIGN}/submissions/${unitId}/2022-H1/review`, {
      token: reviewer,
      json: { action, ...(comment ? { comment } : {}) },
    });
  const returned = 'PC08';
  const comment = DEMO_RETURN.comment;
  await review(returned, 'return', comment);
  say(`  ↩ ${returned}: returned — “${comment}”`);
  const corrected = reports.get(returned)!;
  corrected.values.training_classes = 3;
  corrected.values.trainees = 96;
  corrected.values.models_built = 3;
  corrected.tables.models = [...(corrected.tables.models ?? []).slice(0, 2), DEMO_RETURN.addedModel];
  receipt(
    returned,
    await submit(returned, '2022-H1', corrected, local('2022-06-14', '15:30')),
    ' — resubmitted after correction',
  );
  let accepted = 0;
  for (const u of submitting) {
    if (u.id === returned || lateOnes.has(u.id) || !rnd.chance(0.7)) continue;
    await review(u.id, 'accept');
    accepted++;
  }
  say(`  ✓ ${accepted} reports accepted; the others wait for review`);

  // The workbooks.
  say('▸ writing the workbooks…');
  fs.mkdirSync(outDir, { recursive: true });
  const summaryFile = path.join(outDir, 'tong-hop-2022-H1.xlsx');
  const summary = await api.ok('GET', `/campaigns/${CAMPAIGN}/periods/2022-H1/rollup?format=xlsx`, {
    token: reviewer,
  });
  fs.writeFileSync(summaryFile, summary.bytes);
  say(`  ${path.relative(process.cwd(), summaryFile)} (${summary.bytes.length} byte)`);
  const templateFile = path.join(outDir, `mau-bao-cao-${template.id}-v${template.version}.xlsx`);
  const blank = await api.ok(
    'GET',
    `/campaigns/${CAMPAIGN}/templates/${template.id}/versions/${template.version}?format=xlsx`,
    { token: reviewer },
  );
  fs.writeFileSync(templateFile, blank.bytes);
  say(`  ${path.relative(process.cwd(), templateFile)} (${blank.bytes.length} byte)`);
  // The standing office's narrative report draft (NĐ 30/2020 layout), as `npm run report` fetches it.
  const reportFile = path.join(outDir, 'bao-cao-2022-H1.docx');
  const report = await api.ok('GET', `/campaigns/${CAMPAIGN}/periods/2022-H1/report?format=docx`, {
    token: reviewer,
  });
  fs.writeFileSync(reportFile, report.bytes);
  say(`  ${path.relative(process.cwd(), reportFile)} (${report.bytes.length} byte)`);

  const rollup = (
    await api.ok<Rollup>('GET', `/campaigns/${CAMPAIGN}/periods/2022-H1/rollup`, { token: reviewer })
  ).json!;
  const c = rollup.completeness;
  const n = (key: string) => Number(rollup.totals[key] ?? 0).toLocaleString('en-US');
  const before = (key: string) => Number(rollup.previous?.totals[key] ?? 0).toLocaleString('en-US');
  say(
    `▸ roll-up 2022-H1: ${c.submitted}/${c.expected} units reported (${c.onTime} on time, ${c.late} late), ` +
      `${c.missing.length} missing; ${rollup.reviews.pending} pending, ${rollup.reviews.accepted} accepted, ${rollup.reviews.returned} returned`,
  );
  say(
    `  meetings_held ${n('meetings_held')} (same period last year ${before('meetings_held')}), participants ${n('participants')}, ` +
      `models_built ${n('models_built')}, id_cards_issued ${n('id_cards_issued')}, opinions_received ${n('opinions_received')}, ` +
      `gift_packages ${n('gift_packages')}`,
  );

  await unitsOverTime(api, rnd, say, { admin, reviewer, auth, submit });
}

/**
 * Units over time: the admin adds three demo commune police units (DEMO_COMMUNE_POLICE, marked as demo
 * data) as successors of two district police units that ended on 01/03/2025; the districts report for
 * 2024-H1, the communes for 2025-H1; a district's clerk is refused for 2025-H1; the 2025-H1 roll-up
 * compares each commune with its district's 2024-H1 figures.
 */
async function unitsOverTime(
  api: ApiClient,
  rnd: Random,
  say: (line: string) => void,
  ctx: {
    admin: string;
    reviewer: string;
    auth: ReturnType<typeof loadAuthConfig>;
    submit: (unitId: string, periodId: string, report: DemoReport, receivedAt: string) => Promise<Receipt>;
  },
) {
  say('▸ units over time: district police ended on 01/03/2025; demo commune police take over…');
  const { admin, reviewer, auth, submit } = ctx;
  const registry = (await api.ok<{ units: Unit[] }>('GET', `/campaigns/${CAMPAIGN}/units`, { token: admin }))
    .json!.units;
  const added = DEMO_COMMUNE_POLICE.map((c) => c.unit.id);
  const units: Unit[] = registry
    .filter((u) => !added.includes(u.id))
    .map((u) => {
      const successors = DEMO_COMMUNE_POLICE.filter((c) => c.predecessor === u.id).map((c) => c.unit.id);
      return successors.length ? { ...u, successors } : u;
    });
  units.push(...DEMO_COMMUNE_POLICE.map((c) => ({ ...c.unit, pilot: false, reports: true })));
  await api.ok('PUT', `/campaigns/${CAMPAIGN}/units`, { token: admin, json: { units } });
  for (const c of DEMO_COMMUNE_POLICE) say(`  + ${c.unit.id} (demo data), successor of ${c.predecessor}`);

  const byId = new Map(units.map((u) => [u.id, u]));
  for (const district of new Set(DEMO_COMMUNE_POLICE.map((c) => c.predecessor))) {
    const r = await submit(
      district,
      '2024-H1',
      demoReport(rnd, byId.get(district)!, 2024),
      local('2024-06-10', '09:00'),
    );
    say(`  ✓ ${district.padEnd(15)} 2024-H1, revision ${r.revision}`);
  }
  for (const c of DEMO_COMMUNE_POLICE) {
    const r = await submit(
      c.unit.id,
      '2025-H1',
      demoReport(rnd, byId.get(c.unit.id)!, 2025),
      local('2025-06-12', '10:00'),
    );
    say(`  ✓ ${c.unit.id.padEnd(15)} 2025-H1, revision ${r.revision}`);
  }
  const district = DEMO_COMMUNE_POLICE[0]!.predecessor;
  const clerk = await mintDevToken(auth, { role: 'clerk', unitId: district });
  const template = (
    await api.ok<{ templates: Template[] }>('GET', `/campaigns/${CAMPAIGN}/templates`, { token: admin })
  ).json!.templates.find((t) => t.kind === 'results')!;
  const refused = await api.request('POST', `/campaigns/${CAMPAIGN}/submissions`, {
    token: clerk,
    json: {
      submissionId: rnd.uuid(),
      templateId: template.id,
      templateVersion: template.version,
      unitId: district,
      periodId: '2025-H1',
      ...demoReport(rnd, byId.get(district)!, 2025),
    },
  });
  say(
    `  ✗ ${district}'s clerk, 2025-H1: ${refused.status} ${(refused.json as { error?: { code?: string } })?.error?.code}`,
  );

  const rollup = (
    await api.ok<Rollup>('GET', `/campaigns/${CAMPAIGN}/periods/2025-H1/rollup`, { token: reviewer })
  ).json!;
  say(`▸ roll-up 2025-H1: ${rollup.completeness.expected} units expected (the district police no longer)`);
  for (const p of rollup.previous?.successors ?? [])
    say(
      `  ${p.unitId.padEnd(15)} same period last year from ${p.from.join(' + ')}: meetings_held ${String(p.values.meetings_held)}`,
    );
}

if (require.main === module) runCli('demo', main);
