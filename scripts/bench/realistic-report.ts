/**
 * The benchmark's data: the Lạng Sơn campaign as the accept and durability figures use it, a realistic
 * results report, the HTTP figures' larger registries, and the header of the summary writer's large campaign.
 */
import { randomUUID } from 'node:crypto';
import type { Submission, Template, Unit } from '../../shared/src';
import { loadCampaignBundles } from '../../functions/src/catalog/campaign-files';

export const CAMPAIGN = 'lang-son-nu-cuoi-chien-si';
/** The province of the campaign (40 units). */
export const PROVINCE = 'Lạng Sơn';
/** The campaign header of the summary writer's 1,000-unit roll-up. */
export const LOAD_TEST_CAMPAIGN = {
  name: { vi: 'Thử tải' },
  organisation: 'Công an tỉnh',
  timeZone: 'Asia/Ho_Chi_Minh',
};

export const META = { receivedAt: '2022-09-10T02:00:00.000Z', onTime: true };

/** The campaign's results template (its newest version: older ones are refused as outdated) and the ids of the units that report. */
export function langSonResults(): { template: Template; units: string[] } {
  const bundle = loadCampaignBundles().find((b) => b.campaign.id === CAMPAIGN);
  if (!bundle) throw new Error(`campaign ${CAMPAIGN} not found under campaigns/`);
  const template = bundle.templates
    .filter((t) => t.id === 'results')
    .reduce((a, b) => (b.version > a.version ? b : a));
  return { template, units: bundle.units.filter((u) => u.reports).map((u) => u.id) };
}

/**
 * A results report for the Lạng Sơn template as a unit would file it: every field of the template
 * filled (36 integers, a decimal, a choice, three paragraphs of text), 3 models and 2 good deeds.
 */
export function realisticReport(template: Template, unitId: string, periodId: string, i: number): Submission {
  const n = (base: number) => base + ((i * 7919 + base) % Math.max(3, Math.ceil(base / 4)));
  const integers: Record<string, number> = {
    meetings_held: n(4),
    participants: n(160),
    thematic_sessions: n(2),
    commitments_signed: n(120),
    models_built: n(3),
    dan_van_models: n(2),
    criteria_issued: n(2),
    seminars_held: n(3),
    training_classes: n(2),
    trainees: n(80),
    regulation_inspections: n(5),
    forums_held: n(2),
    opinions_received: n(300),
    opinions_on_manners: n(40),
    survey_responses: n(500),
    satisfied_responses: n(400),
    id_cards_issued: n(1400),
    explosive_permits: n(40),
    security_certificates: n(8),
    cars_registered: n(510),
    temporary_registrations: n(520),
    yellow_plates: n(46),
    legal_info_citizens: n(480),
    union_activities: n(6),
    collectives_commended: n(12),
    individuals_commended: n(30),
    // Awards by form (results v2), within the commended collectives and individuals.
    minister_awards_collective: 0,
    minister_awards_individual: 0,
    chair_awards_collective: 0,
    chair_awards_individual: n(2),
    director_awards_collective: n(1),
    director_awards_individual: n(4),
    head_awards_collective: 0,
    head_awards_individual: n(3),
    news_articles: n(15),
    fanpage_posts: n(40),
    posters: n(10),
    reportages: n(2),
    masks_given: n(1750),
    face_shields_given: n(300),
    gift_packages: n(20),
    blood_units_donated: n(25),
  };
  const fields = template.sections.flatMap((s) => s.fields).filter((f) => !f.retired);
  const values: Submission['values'] = {};
  for (const f of fields) {
    if (f.type === 'integer') values[f.key] = integers[f.key] ?? n(10);
    else if (f.type === 'decimal' || f.type === 'percent') values[f.key] = n(15_000_000) + 0.5;
    else if (f.type === 'choice') values[f.key] = f.choices?.[i % f.choices.length]?.value ?? null;
    else if (f.type === 'boolean') values[f.key] = i % 2 === 0;
    else if (f.type === 'date') values[f.key] = '2022-09-10';
    else
      values[f.key] =
        `Đơn vị ${unitId} đã triển khai Phong trào “Nụ cười chiến sĩ” gắn với phong trào Thi đua vì an ninh Tổ quốc; ` +
        'tổ chức tiếp dân niềm nở, hướng dẫn tận tình, giải quyết thủ tục hành chính đúng hạn; ' +
        'cán bộ, chiến sĩ thực hiện nghiêm “5 xin, 5 luôn”, được Nhân dân ghi nhận.';
  }
  return {
    submissionId: randomUUID(),
    templateId: template.id,
    templateVersion: template.version,
    unitId,
    periodId,
    values,
    tables: {
      models: [
        {
          name: 'Tiếp dân niềm nở, hướng dẫn tận tình',
          slogan: 'Tiếp dân niềm nở, hướng dẫn tận tình, làm đúng quy trình, ứng xử văn minh',
          start_date: '2021-06-01',
          result: 'Giải quyết 1.400 hồ sơ căn cước đúng hạn, không có phản ánh.',
        },
        {
          name: 'Cấp Căn cước công dân lưu động',
          slogan: 'Đến tận nhà, làm tận tình',
          start_date: '2021-07-15',
          result: 'Cấp lưu động cho 320 người cao tuổi, người khuyết tật.',
        },
        {
          name: 'Một cửa thân thiện',
          slogan: 'Công dân đến hài lòng, công dân đi thuận lợi',
          start_date: '2021-09-01',
          result: '98% phiếu khảo sát hài lòng.',
        },
      ],
      good_deeds: [
        {
          date: '2022-08-02',
          person: 'Thượng úy Nguyễn Văn An',
          description: 'Nhặt được ví có 5 triệu đồng và giấy tờ, trả lại cho người đánh rơi.',
        },
        {
          date: '2022-08-20',
          person: 'Trung úy Hoàng Thị Bình',
          description: 'Giúp người dân đưa cụ bà bị ngã xe đi cấp cứu kịp thời.',
        },
      ],
    },
  };
}

/** The Lạng Sơn registry (40 reporting units) and, past 40, commune police under the provincial board. */
export function registryOf(size: number, langSon: readonly Unit[]): Unit[] {
  const reporting = langSon.filter((u) => u.reports).length;
  const extra = Math.max(0, size - reporting);
  return [
    ...langSon,
    ...Array.from({ length: extra }, (_, i): Unit => ({
      id: `XA${String(i + 1).padStart(5, '0')}`,
      name: `Công an xã số ${i + 1}`,
      group: 'commune',
      parentId: 'CAT',
      pilot: false,
      reports: true,
    })),
  ];
}
