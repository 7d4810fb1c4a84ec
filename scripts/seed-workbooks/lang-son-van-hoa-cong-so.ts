/**
 * Seed 004 (../shared/seeds/004_*.txt): Ủy ban nhân dân tỉnh Lạng Sơn, Phong trào thi đua “Cán bộ,
 * công chức, viên chức tỉnh Lạng Sơn thi đua thực hiện văn hóa công sở” giai đoạn 2019 - 2025; the
 * standing office is Sở Nội vụ (Ban Thi đua - Khen thưởng). Its two themes and “4 xin, 4 luôn” as the
 * seed writes them; an agency section with the six contents for agencies and an individual section
 * with the seven for public servants, each met or not met with its count of breaches. Units: the two
 * the seed names as actors (the provincial People's Committee and the standing office); the admin
 * adds the agencies. Ids unique across the demo's campaigns (a token's unit names no campaign; Bắc
 * Giang's campaign has its own UBND and SNV). Yearly reports and the final review (“tổng kết”) the seed announces; their due
 * days are not in the seed (the admin sets them).
 * These are the data the committed workbooks under campaigns/ were made from (scripts/seed-workbooks.ts).
 */
import type { CampaignDefinition, TemplateInput } from '../../shared/src';

const ID = 'lang-son-van-hoa-cong-so';

export const definition: CampaignDefinition = {
  campaign: {
    id: ID,
    name: {
      vi: 'Phong trào thi đua “Cán bộ, công chức, viên chức tỉnh Lạng Sơn thi đua thực hiện văn hóa công sở” giai đoạn 2019 - 2025',
      en: 'The emulation movement “Public servants of Lạng Sơn province practise office culture”, 2019–2025',
    },
    organisation: 'Ủy ban nhân dân tỉnh Lạng Sơn',
    place: 'Lạng Sơn',
    standingOffice: 'SNV-LANGSON',
    timeZone: 'Asia/Ho_Chi_Minh',
    mottos: [
      {
        title: 'Chủ đề đối với cơ quan, đơn vị',
        text: 'Thi đua xây dựng cơ quan, đơn vị văn minh, hiện đại, xanh, sạch, đẹp',
      },
      {
        title: 'Chủ đề đối với cán bộ, công chức, viên chức',
        text: 'Thi đua thực hiện kỷ cương, trách nhiệm, tận tụy, chuyên nghiệp',
      },
      {
        title: '4 xin, 4 luôn',
        text: 'Xin chào, xin lỗi, xin cảm ơn, xin phép; luôn mỉm cười, luôn nhẹ nhàng, luôn lắng nghe, luôn giúp đỡ',
      },
    ],
    report: { place: 'Lạng Sơn' },
    calendar: {
      firstYear: 2019,
      lastYear: 2025,
      recurring: [
        {
          slot: 'Y',
          kind: 'year',
          label: { vi: 'Báo cáo năm {year}', en: 'Annual report {year}' },
          due: '11-15',
          templateKind: 'results',
        },
      ],
      once: [
        {
          id: '2025-TK',
          slot: 'TK',
          year: 2025,
          kind: 'final',
          label: {
            vi: 'Tổng kết Phong trào thi đua giai đoạn 2019 - 2025',
            en: 'Final review of the movement, 2019–2025',
          },
          due: '2025-11-30',
          templateKind: 'review',
          locked: false,
        },
      ],
      locked: [],
    },
  },
  units: [
    {
      id: 'UBND-LANGSON',
      name: 'Ủy ban nhân dân tỉnh Lạng Sơn',
      shortName: 'UBND tỉnh',
      group: 'board',
      pilot: false,
      reports: false,
    },
    {
      id: 'SNV-LANGSON',
      name: 'Sở Nội vụ (Ban Thi đua - Khen thưởng)',
      shortName: 'Sở Nội vụ',
      group: 'agency',
      parentId: 'UBND-LANGSON',
      pilot: false,
      reports: true,
    },
  ],
};

const MET_CHOICES = [
  { value: 'met', label: { vi: 'Đạt', en: 'Met' } },
  { value: 'not_met', label: { vi: 'Không đạt', en: 'Not met' } },
];

/** One criterion: met or not (required), and how many breaches were found (named by its short name). */
const criterion = (
  key: string,
  vi: string,
  en: string,
  short: [string, string],
  help?: { vi: string; en: string },
) => [
  {
    key: `${key}_met`,
    type: 'choice' as const,
    label: { vi, en },
    required: true,
    choices: MET_CHOICES,
    rollup: 'list' as const,
    ...(help ? { help } : {}),
  },
  {
    key: `${key}_breaches`,
    type: 'integer' as const,
    label: { vi: `Số trường hợp vi phạm (${short[0]})`, en: `Breaches (${short[1]})` },
    min: 0,
    unitLabel: { vi: 'trường hợp', en: 'cases' },
    rollup: 'sum' as const,
  },
];

export const templates: TemplateInput[] = [
  {
    id: 'results',
    campaignId: ID,
    kind: 'results',
    version: 1,
    title: {
      vi: 'Báo cáo kết quả thực hiện Phong trào thi đua “Cán bộ, công chức, viên chức tỉnh Lạng Sơn thi đua thực hiện văn hóa công sở”',
      en: 'Report on the movement “Public servants of Lạng Sơn province practise office culture”',
    },
    description: {
      vi: 'Báo cáo năm và tổng kết gửi Sở Nội vụ (Ban Thi đua - Khen thưởng). Mỗi nội dung thi đua đánh giá Đạt hoặc Không đạt, kèm số trường hợp vi phạm.',
      en: 'Annual and final reports to the Department of Home Affairs (Emulation and Commendation Board). Each content is met or not met, with the number of breaches.',
    },
    sections: [
      {
        key: 'agency',
        title: {
          vi: 'Đối với cơ quan, đơn vị: “Thi đua xây dựng cơ quan, đơn vị văn minh, hiện đại, xanh, sạch, đẹp”',
          en: 'Agencies: “Building civilised, modern, green, clean and beautiful agencies”',
        },
        fields: [
          ...criterion(
            'agency_dissemination',
            'Phổ biến, tuyên truyền, quán triệt Quyết định số 1847/QĐ-TTg, Quyết định số 733/QĐ-TTg, Kế hoạch số 103/KH-UBND',
            'Dissemination of Decisions 1847/QĐ-TTg and 733/QĐ-TTg and Plan 103/KH-UBND',
            ['Phổ biến, quán triệt', 'dissemination'],
          ),
          ...criterion(
            'agency_rules',
            'Xây dựng, ban hành và thực hiện nghiêm nội quy, quy chế, quy định về văn hóa công sở',
            'Rules and regulations on office culture issued and enforced',
            ['Nội quy, quy chế', 'rules'],
          ),
          ...criterion(
            'agency_admin_reform',
            'Đẩy mạnh cải cách hành chính, công khai, minh bạch, trọng tâm là cải cách thủ tục hành chính',
            'Administrative reform, openness and transparency, above all of procedures',
            ['Cải cách hành chính', 'administrative reform'],
          ),
          ...criterion(
            'agency_it',
            'Ứng dụng rộng rãi công nghệ thông tin trong hoạt động của cơ quan, đơn vị',
            'Information technology used widely in the agency’s work',
            ['Ứng dụng công nghệ thông tin', 'information technology'],
          ),
          ...criterion(
            'agency_green_office',
            'Xây dựng và giữ gìn cơ quan, đơn vị văn minh, hiện đại, xanh, sạch, đẹp, an toàn',
            'A civilised, modern, green, clean, beautiful and safe workplace',
            ['Cơ quan văn minh, xanh, sạch, đẹp', 'green office'],
          ),
          ...criterion(
            'agency_emulation',
            'Tổ chức các phong trào thi đua thiết thực, hiệu quả',
            'Practical and effective emulation movements organised',
            ['Phong trào thi đua của cơ quan', "the agency's movements"],
          ),
        ],
      },
      {
        key: 'individual',
        title: {
          vi: 'Đối với cán bộ, công chức, viên chức: “Thi đua thực hiện kỷ cương, trách nhiệm, tận tụy, chuyên nghiệp”',
          en: 'Public servants: “Discipline, responsibility, dedication, professionalism”',
        },
        fields: [
          ...criterion(
            'staff_discipline',
            'Chấp hành nghiêm túc kỷ cương, kỷ luật hành chính',
            'Administrative discipline observed',
            ['Kỷ cương, kỷ luật hành chính', 'discipline'],
          ),
          ...criterion(
            'staff_expertise',
            'Thực hiện tốt nhiệm vụ chuyên môn, nghiệp vụ',
            'Professional duties performed well',
            ['Chuyên môn, nghiệp vụ', 'professional duties'],
          ),
          ...criterion(
            'staff_dedication',
            'Tinh thần, thái độ làm việc tận tụy, nghiêm túc, trách nhiệm',
            'Dedicated, serious and responsible at work',
            ['Tinh thần, thái độ làm việc', 'dedication'],
          ),
          ...criterion(
            'staff_conduct',
            'Thực hiện chuẩn mực trong giao tiếp, ứng xử',
            'Standards of communication and conduct',
            ['Giao tiếp, ứng xử', 'conduct'],
            {
              vi: '“4 xin, 4 luôn”: Xin chào, xin lỗi, xin cảm ơn, xin phép; luôn mỉm cười, luôn nhẹ nhàng, luôn lắng nghe, luôn giúp đỡ',
              en: '“4 pleases, 4 always”: greet, apologise, thank, ask permission; always smile, be gentle, listen, help',
            },
          ),
          ...criterion(
            'staff_ethics',
            'Thường xuyên tu dưỡng, rèn luyện chuẩn mực về đạo đức, lối sống',
            'Ethics and way of life cultivated',
            ['Đạo đức, lối sống', 'ethics'],
          ),
          ...criterion(
            'staff_attire',
            'Trang phục gọn gàng, sạch sẽ, lịch sự, phù hợp với tính chất công việc',
            'Neat, clean, decent dress suited to the work',
            ['Trang phục', 'dress'],
          ),
          ...criterion(
            'staff_emulation',
            'Tích cực tham gia các phong trào thi đua yêu nước do cơ quan, đơn vị và địa phương phát động, tổ chức',
            'Active in the patriotic emulation movements of the agency and the locality',
            ['Tham gia phong trào thi đua', 'emulation movements'],
          ),
        ],
      },
      {
        key: 'assessment',
        title: { vi: 'Tồn tại, hạn chế và đề xuất', en: 'Shortcomings and proposals' },
        fields: [
          {
            key: 'difficulties',
            type: 'longtext',
            label: { vi: 'Tồn tại, hạn chế', en: 'Shortcomings' },
            maxLength: 4000,
            rollup: 'list',
          },
          {
            key: 'proposals',
            type: 'longtext',
            label: { vi: 'Đề xuất, kiến nghị', en: 'Proposals' },
            maxLength: 4000,
            rollup: 'list',
          },
        ],
      },
    ],
    tables: [],
    rules: [],
  },
];

/** The interim or final review (sơ kết, tổng kết) is reported on a review template: the same figures, over the whole time. */
templates.push({
  ...templates[0]!,
  id: 'review',
  kind: 'review',
  title: {
    vi: 'Báo cáo tổng kết Phong trào thi đua “Cán bộ, công chức, viên chức tỉnh Lạng Sơn thi đua thực hiện văn hóa công sở” giai đoạn 2019 - 2025',
    en: 'Final review of the movement “Public servants of Lạng Sơn province practise office culture”, 2019–2025',
  },
  description: {
    vi: 'Báo cáo tổng kết gửi Sở Nội vụ (Ban Thi đua - Khen thưởng): đánh giá cả giai đoạn 2019 - 2025, số trường hợp vi phạm tính lũy kế.',
    en: 'Final review report to the Department of Home Affairs: the whole 2019–2025 phase, breaches counted over it.',
  },
});
