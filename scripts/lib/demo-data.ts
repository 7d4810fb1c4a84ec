/**
 * Demo figures for the Lạng Sơn “Nụ cười chiến sĩ” results reports, in the spirit of the seed
 * articles: ID cards issued by PC06 and the district police, vehicle registrations at PC08,
 * forums and opinions at the units that receive citizens, models with their slogans, masks and
 * gifts, good deeds. Deterministic: everything comes from a seeded pseudo-random generator.
 */
import type { FieldValue, TableRow, Unit } from '../../shared/src';

/** mulberry32: small, fast, good enough for demo data, and the same sequence for the same seed. */
export function seededRandom(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const chance = (p: number) => next() < p;
  /** A version-4-shaped UUID from the generator (deterministic ids for a deterministic demo). */
  const uuid = () => {
    const hex = Array.from({ length: 32 }, () => Math.floor(next() * 16).toString(16)).join('');
    const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20)}`;
  };
  const shuffle = <T>(items: readonly T[]): T[] => {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      [out[i], out[j]] = [out[j]!, out[i]!];
    }
    return out;
  };
  return { next, int, pick, chance, uuid, shuffle };
}
export type Random = ReturnType<typeof seededRandom>;

const MODELS: { name: string; slogan: string }[] = [
  {
    name: 'Tiếp dân niềm nở, hướng dẫn tận tình',
    slogan: 'Tiếp dân niềm nở, hướng dẫn tận tình, làm đúng quy trình, ứng xử văn minh',
  },
  { name: 'Cán bộ, chiến sĩ gần gũi, sâu sát địa bàn', slogan: 'Gần dân, hiểu dân, giúp dân, học dân' },
  { name: 'Với nụ cười - Vì nụ cười', slogan: 'Mỗi hồ sơ một nụ cười' },
  {
    name: 'Chiến sĩ Cảnh sát giao thông với nụ cười văn hóa công vụ',
    slogan: 'Nghiêm minh - Thân thiện - Vì Nhân dân phục vụ',
  },
  { name: 'Tích cực rèn luyện, nâng cao văn hóa ứng xử', slogan: 'Kỷ cương - Trách nhiệm - Văn minh' },
  { name: 'Một cửa thân thiện', slogan: 'Công dân đến hài lòng, công dân đi thuận lợi' },
  { name: 'Tổ tự quản an ninh trật tự kiểu mẫu', slogan: 'Bình yên thôn bản, ấm áp lòng dân' },
  { name: 'Cấp Căn cước công dân lưu động', slogan: 'Đến tận nhà, làm tận tình' },
  {
    name: 'Thanh niên Công an tình nguyện vì cộng đồng',
    slogan: 'Tuổi trẻ Công an - Sẵn sàng khi Nhân dân cần',
  },
  { name: 'Phụ nữ Công an duyên dáng, thanh lịch', slogan: 'Nụ cười tỏa sáng nơi công sở' },
  { name: 'Nhà tạm giữ văn minh, nhân đạo', slogan: 'Nghiêm trong kỷ luật, nhân trong đối xử' },
  { name: 'Đội chữa cháy với nụ cười', slogan: 'Có mặt nhanh nhất, cứu người trước tiên' },
  { name: 'Cổng thông tin “Lắng nghe ý kiến Nhân dân”', slogan: 'Mỗi ý kiến là một lời nhắc nhở' },
];

const RESULTS = [
  'Được người dân đánh giá cao, không có phản ánh tiêu cực',
  'Thời gian giải quyết hồ sơ giảm rõ rệt',
  'Nhân rộng ra các đội nghiệp vụ',
  'Được Ban Chỉ đạo Phong trào biểu dương',
  'Duy trì thường xuyên, hiệu quả',
];

const HIGHLIGHTS = [
  'Triển khai cấp Căn cước công dân cả ngày nghỉ, làm lưu động tại thôn, bản vùng sâu, vùng xa; nhân dân đánh giá cao tinh thần phục vụ.',
  'Đặt hòm thư góp ý và mã QR khảo sát mức độ hài lòng tại nơi tiếp công dân; các ý kiến đều được tiếp thu, trả lời kịp thời.',
  'Cán bộ, chiến sĩ đeo biển tên, niêm yết công khai thủ tục, thực hiện nghiêm “5 xin, 5 luôn” khi giao tiếp với Nhân dân.',
  'Tổ chức hội thi “Nụ cười chiến sĩ” và sân khấu hóa các tình huống ứng xử, thu hút đông đảo cán bộ, chiến sĩ tham gia.',
  'Phối hợp với Đoàn Thanh niên tặng quà, hỗ trợ học sinh nghèo vượt khó và gia đình chính sách trên địa bàn.',
  'Hướng dẫn người dân kích hoạt tài khoản định danh điện tử ngay tại bộ phận một cửa.',
];

const DIFFICULTIES = [
  'Địa bàn rộng, giao thông đi lại khó khăn, nhất là các xã vùng cao, ảnh hưởng đến việc cấp Căn cước công dân lưu động.',
  'Cơ sở vật chất nơi tiếp công dân còn chật hẹp, chưa có khu vực chờ riêng cho người dân.',
  'Lực lượng mỏng trong khi khối lượng công việc lớn, cán bộ phải kiêm nhiệm nhiều việc.',
  'Một bộ phận cán bộ, chiến sĩ trẻ còn thiếu kỹ năng xử lý tình huống khi tiếp xúc với người dân.',
  'Kinh phí cho hoạt động tuyên truyền, khen thưởng Phong trào còn hạn chế.',
  'Dịch COVID-19 diễn biến phức tạp trong quý I làm gián đoạn một số hoạt động tập trung đông người.',
];

const SHORTCOMINGS = [
  'Một số cán bộ, chiến sĩ trẻ còn lúng túng khi giải thích thủ tục cho người dân; nguyên nhân là chưa được bồi dưỡng kỹ năng giao tiếp.',
  'Việc sinh hoạt chi bộ đánh giá kết quả thực hiện Phong trào có tháng chưa đều; nguyên nhân là nhiệm vụ đột xuất nhiều.',
  'Hòm thư góp ý ít được người dân sử dụng; nguyên nhân là chưa tuyên truyền rộng rãi.',
];

const NEXT_TASKS = [
  'Tổ chức sinh hoạt chuyên đề về văn hóa giao tiếp trong quý tới; duy trì đánh giá Phong trào trong sinh hoạt chi bộ hằng tháng.',
  'Tiếp tục rà soát, đơn giản hóa thủ tục hành chính theo mục tiêu “3 giảm”.',
  'Nhân rộng mô hình “Tiếp dân niềm nở, hướng dẫn tận tình” ra các đội.',
];

const PROPOSALS = [
  'Đề nghị Công an tỉnh bố trí kinh phí nâng cấp khu vực tiếp công dân, trang bị thêm ghế chờ và máy lấy số tự động.',
  'Đề nghị mở thêm lớp tập huấn kỹ năng giao tiếp, ứng xử cho cán bộ trực tiếp tiếp dân.',
  'Đề nghị Ban Chỉ đạo tổ chức sơ kết, biểu dương kịp thời các tập thể, cá nhân điển hình.',
  'Đề nghị xây dựng bộ tiêu chí chấm điểm Phong trào thống nhất trong toàn lực lượng.',
  'Đề nghị tăng cường phối hợp với cơ quan báo chí để tuyên truyền gương người tốt, việc tốt.',
];

/** Proposed commendations (results v2's `award_proposals`): who, for which award and why. */
const AWARD_PROPOSALS: Record<string, string>[] = [
  {
    recipient_kind: 'individual',
    name: 'Thiếu tá Nguyễn Văn Hùng',
    position: 'Đội trưởng',
    award_form: 'director',
    emulation_title: 'Chiến sĩ thi đua cơ sở',
    reason: 'Tiếp dân niềm nở, hướng dẫn tận tình; không để xảy ra phản ánh về thái độ phục vụ.',
  },
  {
    recipient_kind: 'collective',
    name: 'Đội Đăng ký, quản lý phương tiện',
    award_form: 'chair',
    emulation_title: 'Tập thể lao động xuất sắc',
    reason: 'Giải quyết đúng hạn 100% hồ sơ; mô hình “Một cửa thân thiện” được nhân rộng.',
  },
  {
    recipient_kind: 'individual',
    name: 'Thượng úy Hoàng Thị Mai',
    position: 'Cán bộ',
    award_form: 'head',
    reason: 'Hiến máu cứu người bị nạn; được Nhân dân viết thư cảm ơn.',
  },
  {
    recipient_kind: 'collective',
    name: 'Phòng Cảnh sát quản lý hành chính về trật tự xã hội',
    award_form: 'minister',
    emulation_title: 'Cờ thi đua của Bộ Công an',
    reason: 'Đơn vị điểm của Phong trào, cấp hơn 1.400 thẻ Căn cước phục vụ Nhân dân.',
  },
];

const GOOD_DEEDS: { person: string; description: string }[] = [
  {
    person: 'Trung tá Hà Văn Dưỡng',
    description:
      'Phát hiện xe đầu kéo bốc cháy trên quốc lộ 1A, đuổi theo báo hiệu và hỗ trợ chữa cháy, bảo vệ tính mạng tài xế.',
  },
  {
    person: 'Thiếu úy Hà Văn Hưng',
    description:
      'Tình nguyện hiến máu cứu nạn nhân tai nạn giao thông đang nguy kịch tại Bệnh viện đa khoa tỉnh.',
  },
  {
    person: 'Đại úy Nông Thị Hoa',
    description:
      'Trả lại ví có 15 triệu đồng và giấy tờ tùy thân cho người dân đánh rơi tại bộ phận một cửa.',
  },
  { person: 'Thượng úy Lường Văn Tâm', description: 'Đưa cụ bà bị lạc đường về với gia đình lúc nửa đêm.' },
  {
    person: 'Tổ công tác Đội Cảnh sát giao thông - Trật tự',
    description: 'Giúp đỡ du khách bị hỏng xe trên đèo Tam Thanh, sửa xe và dẫn đường an toàn.',
  },
  {
    person: 'Trung úy Hoàng Minh Đức',
    description: 'Cõng người già, trẻ em qua suối lũ tại xã vùng cao để làm thủ tục Căn cước công dân.',
  },
];

/** Rough strength and public-facing work of each unit, for plausible figures. */
function profile(unit: Pick<Unit, 'id' | 'group'>) {
  const publicFacing =
    ['PC06', 'PC08', 'PA08', 'PC07', 'PV05'].includes(unit.id) || unit.group === 'district';
  const staff =
    unit.group === 'district'
      ? unit.id === 'CATP'
        ? 260
        : 120
      : unit.group === 'union'
        ? 45
        : ['PC06', 'PC08', 'PK02', 'TRAI-TAM-GIAM'].includes(unit.id)
          ? 110
          : 45;
  return { publicFacing, staff };
}

export interface DemoReport {
  values: Record<string, FieldValue>;
  tables: Record<string, TableRow[]>;
}

/**
 * One unit's results report for a six-month period. `scale` shrinks the figures (the campaign
 * started in late April 2021, so 2021-H1 covers only two months); `year` dates the tables.
 */
export function demoReport(
  rnd: Random,
  unit: Pick<Unit, 'id' | 'group'>,
  year: number,
  scale = 1,
): DemoReport {
  const { publicFacing, staff } = profile(unit);
  const s = (n: number) => Math.max(0, Math.round(n * scale));
  const v: Record<string, FieldValue> = {};
  v.meetings_held = Math.max(1, s(rnd.int(2, 6)));
  v.participants = Math.round((v.meetings_held as number) * staff * (0.8 + rnd.next() * 0.15));
  v.thematic_sessions = s(rnd.int(1, 3));
  v.commitments_signed = Math.round(staff * (0.9 + rnd.next() * 0.1));
  const models = rnd.shuffle(MODELS).slice(0, unit.group === 'district' ? rnd.int(2, 3) : rnd.int(1, 2));
  v.models_built = models.length + (rnd.chance(0.3) ? 1 : 0);
  v.dan_van_models = rnd.int(0, unit.group === 'district' ? 3 : 1);
  v.criteria_issued = rnd.int(0, 2);
  v.seminars_held = s(rnd.int(0, 2));
  v.training_classes = s(rnd.int(1, 4));
  v.trainees = (v.training_classes as number) * rnd.int(20, 45);
  v.regulation_inspections = s(rnd.int(1, 6));
  if (publicFacing) {
    v.forums_held = Math.max(1, s(rnd.int(1, 4)));
    v.opinions_received = (v.forums_held as number) * rnd.int(12, 60);
    v.opinions_on_manners = Math.round((v.opinions_received as number) * (0.08 + rnd.next() * 0.2));
    v.survey_responses = s(rnd.int(120, 600));
    v.satisfied_responses = Math.round((v.survey_responses as number) * (0.9 + rnd.next() * 0.09));
    v.legal_info_citizens = s(rnd.int(30, 90));
  } else {
    v.forums_held = rnd.int(0, 1);
    if (v.forums_held) {
      v.opinions_received = rnd.int(5, 20);
      v.opinions_on_manners = rnd.int(0, 4);
    }
  }
  if (unit.id === 'PC06') {
    v.id_cards_issued = s(rnd.int(1200, 1600));
    v.explosive_permits = s(rnd.int(180, 260));
    v.security_certificates = s(rnd.int(4, 9));
  } else if (unit.group === 'district') {
    v.id_cards_issued = s(rnd.int(180, 520));
    v.security_certificates = s(rnd.int(0, 2));
  }
  if (unit.id === 'PC08') {
    v.cars_registered = s(rnd.int(380, 520));
    v.temporary_registrations = s(rnd.int(2200, 2800));
    v.yellow_plates = s(rnd.int(200, 260));
  } else if (unit.group === 'district') {
    v.temporary_registrations = s(rnd.int(40, 160));
  }
  if (unit.id === 'PV05') v.legal_info_citizens = s(rnd.int(150, 260));
  v.union_activities = unit.group === 'union' ? s(rnd.int(6, 12)) : rnd.int(0, 2);
  v.collectives_commended = rnd.int(0, 2);
  v.individuals_commended = rnd.int(1, 7);
  // Awards received by form, collective and individual (results v2; v1's two totals are retired).
  v.chair_awards_individual = rnd.chance(0.12) ? 1 : 0;
  v.director_awards_individual = Math.min(
    rnd.int(0, 3),
    (v.collectives_commended as number) +
      (v.individuals_commended as number) -
      (v.chair_awards_individual as number),
  );
  v.director_awards_collective = Math.min(
    rnd.int(0, 1),
    v.collectives_commended as number,
    (v.collectives_commended as number) +
      (v.individuals_commended as number) -
      (v.chair_awards_individual as number) -
      (v.director_awards_individual as number),
  );
  v.head_awards_individual = Math.max(
    0,
    Math.min(
      rnd.int(0, 2),
      (v.collectives_commended as number) +
        (v.individuals_commended as number) -
        (v.chair_awards_individual as number) -
        (v.director_awards_individual as number) -
        (v.director_awards_collective as number),
    ),
  );
  v.news_articles = s(unit.id === 'PX03' ? rnd.int(25, 40) : rnd.int(1, 8));
  v.fanpage_posts = s(unit.id === 'PX03' ? rnd.int(60, 90) : rnd.int(2, 20));
  v.posters = rnd.int(2, 10);
  v.reportages = unit.id === 'PX03' ? s(rnd.int(4, 8)) : rnd.int(0, 1);
  v.masks_given = 100 * s(rnd.int(0, 12));
  v.face_shields_given = 10 * s(rnd.int(0, 15));
  v.gift_packages = s(rnd.int(3, 30));
  v.blood_units_donated = s(rnd.int(0, 25));
  v.charity_value_vnd = 100_000 * s(rnd.int(20, 450));
  // The self-assessment scale of results v2 (campaigns/lang-son-nu-cuoi-chien-si/templates/results.v2.json).
  v.self_assessment = rnd.pick(['outstanding', 'well_done', 'well_done', 'well_done', 'done']);
  if (rnd.chance(0.6)) v.highlights = rnd.pick(HIGHLIGHTS);
  if (rnd.chance(0.5)) v.difficulties = rnd.pick(DIFFICULTIES);
  if (rnd.chance(0.45)) v.proposals = rnd.pick(PROPOSALS);
  // Items of seed 000 that results v2 asks for.
  v.party_cell_assessments = rnd.int(1, 6);
  v.commune_units_launched = unit.group === 'district' ? rnd.int(4, 18) : 0;
  v.movement_in_staff_ratings = rnd.chance(0.85);
  v.cultural_events = rnd.int(0, 3);
  v.guest_speakers = rnd.int(0, 2);
  v.twinning_activities = rnd.int(0, 2);
  v.regulation_drills = rnd.int(0, 2);
  v.breaches_found = rnd.int(0, 3);
  v.procedures_simplified = unit.id === 'PC06' || unit.id === 'PC08' ? rnd.int(2, 6) : rnd.int(0, 1);
  v.suggestion_boxes = rnd.int(0, 2);
  v.hotlines_published = rnd.int(0, 3);
  if (unit.group === 'union') v.movement_in_member_ratings = rnd.chance(0.9);
  v.questions_answered = unit.id === 'PX03' ? s(rnd.int(40, 90)) : rnd.int(0, 12);
  v.charity_activities = rnd.int(0, 4);
  if (rnd.chance(0.35)) v.shortcomings = rnd.pick(SHORTCOMINGS);
  if (rnd.chance(0.4)) v.next_tasks = rnd.pick(NEXT_TASKS);
  for (const [k, x] of Object.entries(v)) if (x === 0 && rnd.chance(0.3)) delete v[k]; // left blank

  const month = (from: number, to: number) =>
    `${year}-${String(rnd.int(from, to)).padStart(2, '0')}-${String(rnd.int(1, 28)).padStart(2, '0')}`;
  const tables: Record<string, TableRow[]> = {
    models: models.map((m) => ({
      name: m.name,
      slogan: m.slogan,
      start_date: month(year === 2021 ? 5 : 1, 5),
      ...(rnd.chance(0.7) ? { result: rnd.pick(RESULTS) } : {}),
    })),
    good_deeds: rnd.chance(0.3) ? [{ date: month(year === 2021 ? 5 : 1, 5), ...rnd.pick(GOOD_DEEDS) }] : [],
    award_proposals: rnd.chance(0.35) ? [rnd.pick(AWARD_PROPOSALS)] : [],
  };
  if ((v.models_built as number | undefined) === undefined) v.models_built = models.length;
  return { values: v, tables };
}

/** The people `npm start` mints development tokens for, with the names their tokens carry. */
export const DEMO_PEOPLE = {
  admin: { role: 'admin', name: 'Quản trị viên' },
  reviewer: { role: 'reviewer', unitId: 'PX03', name: 'Thường trực PX03' },
  clerkPC06: { role: 'clerk', unitId: 'PC06', name: 'Văn thư PC06' },
} as const;

/** The standing office's comment when it returns PC08's 2022-H1 report, and the model PC08 then adds. */
export const DEMO_RETURN = {
  comment:
    'Đề nghị bổ sung danh sách mô hình và kiểm tra lại số lượt cán bộ được tập huấn so với số lớp đã tổ chức.',
  addedModel: {
    name: 'Chiến sĩ Cảnh sát giao thông với nụ cười văn hóa công vụ',
    slogan: 'Nghiêm minh - Thân thiện - Vì Nhân dân phục vụ',
    start_date: '2022-03-26',
    result: 'Không có phản ánh tiêu cực về thái độ phục vụ',
  },
};

/**
 * Units over time in the demo (docs/architecture.md "Units over time"): the district police ended on
 * 01/03/2025 (campaigns/lang-son-nu-cuoi-chien-si/campaign.json, note) and commune police took over their
 * work. The real communes are for the admin to enter; these three are DEMO DATA, named as such, added by
 * `npm run demo` only, each a successor of a district police unit.
 */
export const DEMO_COMMUNE_POLICE: {
  unit: { id: string; name: string; group: 'commune'; parentId: string; activeFrom: string };
  predecessor: string;
}[] = [1, 2, 3].map((n) => ({
  unit: {
    id: `DEMO-CAX-${n}`,
    name: `Công an xã (minh hoạ) ${n}`,
    group: 'commune',
    parentId: 'CAT',
    activeFrom: '2025-03-01',
  },
  predecessor: n < 3 ? 'CAH-CAO-LOC' : 'CAH-LOC-BINH',
}));
