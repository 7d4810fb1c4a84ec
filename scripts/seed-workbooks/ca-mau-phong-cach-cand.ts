/**
 * Seed 002 (../shared/seeds/002_*.txt): Công an tỉnh Cà Mau, Cuộc vận động “Xây dựng phong cách người
 * Công an nhân dân bản lĩnh, nhân văn, vì Nhân dân phục vụ”, Kế hoạch số 25-KH-CAT-PX15 ngày 17-2-2017,
 * Phòng PX13 the standing office. Texts as the seed writes them. Units: the departments the seed names,
 * the city police and the eight district police of the time (Cà Mau province: one city, eight districts),
 * which ended on 1 March 2025 with every district police of the country; the admin adds the rest.
 * Unit ids are unique across the demo's campaigns (a token's unit names no campaign): CAT-CAMAU, CATP-CAMAU.
 * Six-month and annual reports; their due days are not in the seed (the admin sets them).
 * These are the data the committed workbooks under campaigns/ were made from (scripts/seed-workbooks.ts).
 */
import type { CampaignDefinition, TemplateInput, Unit } from '../../shared/src';

const ID = 'ca-mau-phong-cach-cand';
const DISTRICT_POLICE_ENDED = '2025-03-01';

const district = (id: string, name: string): Unit => ({
  id,
  name,
  group: 'district',
  parentId: 'CAT-CAMAU',
  pilot: false,
  reports: true,
  activeUntil: DISTRICT_POLICE_ENDED,
});

export const definition: CampaignDefinition = {
  campaign: {
    id: ID,
    name: {
      vi: 'Cuộc vận động “Xây dựng phong cách người Công an nhân dân bản lĩnh, nhân văn, vì Nhân dân phục vụ” trong Công an tỉnh Cà Mau',
      en: 'The campaign “Building the style of People’s Police officers: steadfast, humane, serving the People” in the Cà Mau Provincial Police',
    },
    organisation: 'Công an tỉnh Cà Mau',
    place: 'Cà Mau',
    standingOffice: 'PX13',
    timeZone: 'Asia/Ho_Chi_Minh',
    note: {
      vi: 'Công an thành phố Cà Mau và 8 Công an huyện kết thúc hoạt động từ ngày 01/3/2025 khi Bộ Công an tổ chức lại công an địa phương còn hai cấp tỉnh và xã (Công an tỉnh Cà Mau công bố quyết định ngày 28/02/2025); từ kỳ có hạn từ ngày này, các đơn vị đó không còn phải báo cáo. Công an cấp xã kế thừa do quản trị viên thêm vào danh sách đơn vị. Nguồn: https://cafef.vn/nhung-quy-dinh-quan-trong-co-hieu-luc-tu-thang-3-2025-188250301083814224.chn; https://baotintuc.vn/tags/công+an+cấp+huyện.htm',
      en: 'The Cà Mau city police and the 8 district police ended on 1 March 2025, when the Ministry of Public Security reorganised local police into two levels, province and commune (the Cà Mau police announced the decision on 28 February 2025); they are not expected in periods due from that date. Commune police that take over are added to the unit registry by an admin. Sources: https://cafef.vn/nhung-quy-dinh-quan-trong-co-hieu-luc-tu-thang-3-2025-188250301083814224.chn; https://baotintuc.vn/tags/công+an+cấp+huyện.htm',
    },
    mottos: [
      { title: '4 biết', text: 'Biết chào, biết cười, biết cảm ơn, biết xin lỗi' },
      { title: 'Khẩu hiệu', text: 'Mỗi ngày làm một việc tốt vì dân' },
    ],
    report: { place: 'Cà Mau' },
    calendar: {
      firstYear: 2017,
      lastYear: 2026,
      startsOn: '2017-02-17',
      recurring: [
        {
          slot: 'H1',
          kind: 'half',
          label: { vi: 'Báo cáo 6 tháng đầu năm {year}', en: 'Six-month report {year}' },
          due: '06-15',
          templateKind: 'results',
        },
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
          id: '2020-SK',
          slot: 'SK',
          year: 2020,
          kind: 'interim',
          label: {
            vi: 'Sơ kết 3 năm thực hiện Cuộc vận động (2017 - 2020)',
            en: 'Three-year interim review of the campaign (2017–2020)',
          },
          due: '2020-02-17',
          templateKind: 'review',
          locked: false,
        },
      ],
      locked: [],
    },
  },
  units: [
    {
      id: 'CAT-CAMAU',
      name: 'Công an tỉnh Cà Mau',
      shortName: 'CA tỉnh Cà Mau',
      group: 'board',
      pilot: false,
      reports: false,
    },
    {
      id: 'PX13',
      name: 'Phòng PX13',
      shortName: 'PX13',
      group: 'department',
      parentId: 'CAT-CAMAU',
      pilot: false,
      reports: true,
    },
    {
      id: 'PX15',
      name: 'Phòng PX15',
      shortName: 'PX15',
      group: 'department',
      parentId: 'CAT-CAMAU',
      pilot: false,
      reports: true,
    },
    {
      id: 'QLHC',
      name: 'Phòng Cảnh sát Quản lý hành chính về trật tự xã hội',
      group: 'department',
      parentId: 'CAT-CAMAU',
      pilot: false,
      reports: true,
    },
    district('CATP-CAMAU', 'Công an thành phố Cà Mau'),
    district('CAH-CAINUOC', 'Công an huyện Cái Nước'),
    district('CAH-DAMDOI', 'Công an huyện Đầm Dơi'),
    district('CAH-NAMCAN', 'Công an huyện Năm Căn'),
    district('CAH-NGOCHIEN', 'Công an huyện Ngọc Hiển'),
    district('CAH-PHUTAN', 'Công an huyện Phú Tân'),
    district('CAH-THOIBINH', 'Công an huyện Thới Bình'),
    district('CAH-TRANVANTHOI', 'Công an huyện Trần Văn Thời'),
    district('CAH-UMINH', 'Công an huyện U Minh'),
  ],
};

const count = (
  key: string,
  vi: string,
  en: string,
  unit: [string, string],
  extra: Partial<TemplateInput['sections'][number]['fields'][number]> = {},
) => ({
  key,
  type: 'integer' as const,
  label: { vi, en },
  min: 0,
  unitLabel: { vi: unit[0], en: unit[1] },
  rollup: 'sum' as const,
  ...extra,
});

export const templates: TemplateInput[] = [
  {
    id: 'results',
    campaignId: ID,
    kind: 'results',
    version: 1,
    title: {
      vi: 'Báo cáo kết quả thực hiện Cuộc vận động “Xây dựng phong cách người Công an nhân dân bản lĩnh, nhân văn, vì Nhân dân phục vụ”',
      en: 'Report on the campaign “Building the style of People’s Police officers: steadfast, humane, serving the People”',
    },
    description: {
      vi: 'Báo cáo 6 tháng, năm và sơ kết gửi Phòng PX13 (Cơ quan Thường trực). Số liệu tính trong kỳ báo cáo.',
      en: 'Six-month, annual and interim reports to PX13 (the standing office). Figures cover the period.',
    },
    sections: [
      {
        key: 'training',
        title: { vi: 'Tập huấn, học tập chuyên đề', en: 'Training and thematic study' },
        fields: [
          count(
            'officers_trained',
            'Số cán bộ, chiến sĩ được tập huấn chuyên đề về kỹ năng giao tiếp, ứng xử',
            'Officers trained in communication and conduct skills',
            ['CBCS', 'officers'],
            { required: true },
          ),
          count(
            'thematic_topics',
            'Số chuyên đề được triển khai (như “Văn hóa ứng xử trong Công an nhân dân”)',
            'Thematic topics rolled out (such as “Conduct culture in the People’s Police”)',
            ['chuyên đề', 'topics'],
          ),
        ],
      },
      {
        key: 'documents',
        title: { vi: 'Ban hành tiêu chí, nghị quyết', en: 'Criteria and resolutions issued' },
        fields: [
          count(
            'criteria_issued',
            'Số tiêu chí phong cách người Công an được ban hành',
            'Style criteria issued',
            ['tiêu chí', 'criteria'],
          ),
          count('resolutions_issued', 'Số nghị quyết được ban hành', 'Resolutions issued', [
            'nghị quyết',
            'resolutions',
          ]),
        ],
      },
      {
        key: 'listening',
        title: { vi: 'Lắng nghe ý kiến Nhân dân', en: 'Listening to the People' },
        fields: [
          count(
            'forums_held',
            'Số diễn đàn “Công an nhân dân lắng nghe ý kiến nhân dân” đã tổ chức',
            'Forums “The People’s Police listen to the People” held',
            ['diễn đàn', 'forums'],
          ),
          count('opinions_received', 'Số ý kiến của Nhân dân đã tiếp thu', 'Opinions received', [
            'ý kiến',
            'opinions',
          ]),
          count(
            'opinions_on_manners',
            'Trong đó: số ý kiến đóng góp, xây dựng về lễ tiết, tác phong',
            'Of which: opinions on manners and bearing',
            ['ý kiến', 'opinions'],
          ),
        ],
      },
      {
        key: 'models',
        title: { vi: 'Mô hình “dân vận khéo”', en: '“Skilful mass mobilisation” models' },
        fields: [
          count(
            'dan_van_kheo_models',
            'Số mô hình “dân vận khéo” đăng ký thực hiện',
            '“Skilful mass mobilisation” models registered',
            ['mô hình', 'models'],
          ),
        ],
      },
      {
        key: 'commendation',
        title: { vi: 'Khen thưởng', en: 'Commendations' },
        fields: [
          count(
            'collectives_commended',
            'Số tập thể lập thành tích xuất sắc được các cấp, các ngành khen thưởng',
            'Collectives commended by any level or branch',
            ['tập thể', 'collectives'],
          ),
          count(
            'individuals_commended',
            'Số cá nhân lập thành tích xuất sắc được các cấp, các ngành khen thưởng',
            'Individuals commended by any level or branch',
            ['cá nhân', 'individuals'],
          ),
          count(
            'director_certificates_collective',
            'Giấy khen của Giám đốc Công an tỉnh tặng tập thể',
            'Certificates of merit of the provincial police director to collectives',
            ['tập thể', 'collectives'],
          ),
          count(
            'director_certificates_individual',
            'Giấy khen của Giám đốc Công an tỉnh tặng cá nhân',
            'Certificates of merit of the provincial police director to individuals',
            ['cá nhân', 'individuals'],
          ),
        ],
      },
      {
        key: 'work_results',
        title: { vi: 'Kết quả các mặt công tác', en: 'Results of the police work' },
        fields: [
          {
            key: 'crime_reduction_rate',
            type: 'percent',
            label: {
              vi: 'Tỷ lệ giảm số vụ phạm tội về trật tự xã hội so với cùng kỳ',
              en: 'Fall in public-order crimes against the same period',
            },
            min: 0,
            max: 1,
            rollup: 'none',
          },
          {
            key: 'case_clearance_rate',
            type: 'percent',
            label: { vi: 'Tỷ lệ điều tra phá án', en: 'Case clearance rate' },
            min: 0,
            max: 1,
            rollup: 'none',
          },
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
    rules: [
      {
        id: 'manners_within_received',
        check: 'opinions_on_manners <= opinions_received',
        message: {
          vi: 'Số ý kiến về lễ tiết, tác phong không được lớn hơn tổng số ý kiến đã tiếp thu.',
          en: 'Opinions on manners cannot exceed the opinions received.',
        },
      },
    ],
  },
];

/** The interim or final review (sơ kết, tổng kết) is reported on a review template: the same figures, over the whole time. */
templates.push({
  ...templates[0]!,
  id: 'review',
  kind: 'review',
  title: {
    vi: 'Báo cáo sơ kết thực hiện Cuộc vận động “Xây dựng phong cách người Công an nhân dân bản lĩnh, nhân văn, vì Nhân dân phục vụ”',
    en: 'Interim review of the campaign “Building the style of People’s Police officers: steadfast, humane, serving the People”',
  },
  description: {
    vi: 'Báo cáo sơ kết gửi Phòng PX13 (Cơ quan Thường trực): số liệu tính lũy kế từ khi triển khai Cuộc vận động (17/02/2017).',
    en: 'Interim review report to PX13 (the standing office): figures counted from the launch of the campaign (17/02/2017).',
  },
});
