/** Small, hand-made domain fixtures for unit tests (the real campaigns live under campaigns/). */
import {
  parseTemplate,
  type Period,
  type StoredSubmission,
  type Template,
  type TemplateInput,
  type Unit,
} from '../../shared/src';

export const sampleTemplateInput: TemplateInput = {
  id: 'results',
  campaignId: 'test-campaign',
  kind: 'results',
  version: 1,
  title: { vi: 'Báo cáo kết quả', en: 'Results report' },
  sections: [
    {
      key: 'forum',
      title: { vi: 'Diễn đàn “Công an lắng nghe ý kiến Nhân dân”', en: 'Listening forum' },
      fields: [
        {
          key: 'forums_held',
          type: 'integer',
          label: { vi: 'Số diễn đàn đã tổ chức', en: 'Forums held' },
          required: true,
          min: 0,
          rollup: 'sum',
        },
        {
          key: 'opinions_received',
          type: 'integer',
          label: { vi: 'Số ý kiến tiếp thu', en: 'Opinions received' },
          min: 0,
          rollup: 'sum',
        },
        {
          key: 'opinions_on_manners',
          type: 'integer',
          label: { vi: 'Số ý kiến về lễ tiết, tác phong', en: 'Opinions on manners' },
          min: 0,
          rollup: 'sum',
        },
        {
          key: 'satisfaction',
          type: 'percent',
          label: { vi: 'Tỷ lệ hài lòng', en: 'Satisfaction' },
          rollup: 'avg',
        },
        {
          key: 'charity_value',
          type: 'decimal',
          label: { vi: 'Giá trị ủng hộ (triệu đồng)', en: 'Charity (million VND)' },
          min: 0,
          max: 1e6,
          rollup: 'sum',
        },
      ],
    },
    {
      key: 'assessment',
      title: { vi: 'Đánh giá chung', en: 'Assessment' },
      fields: [
        { key: 'registered_on', type: 'date', label: { vi: 'Ngày đăng ký', en: 'Registered on' } },
        {
          key: 'has_model',
          type: 'boolean',
          label: { vi: 'Có mô hình', en: 'Has a model' },
          rollup: 'count',
        },
        {
          key: 'self_assessment',
          type: 'choice',
          label: { vi: 'Tự đánh giá', en: 'Self-assessment' },
          choices: [
            { value: 'excellent', label: { vi: 'Xuất sắc', en: 'Excellent' } },
            { value: 'good', label: { vi: 'Tốt', en: 'Good' } },
            { value: 'fair', label: { vi: 'Khá', en: 'Fair' } },
          ],
        },
        { key: 'slogan', type: 'text', label: { vi: 'Khẩu hiệu', en: 'Slogan' }, maxLength: 60 },
        {
          key: 'difficulties',
          type: 'longtext',
          label: { vi: 'Khó khăn, vướng mắc', en: 'Difficulties' },
          maxLength: 4000,
          rollup: 'list',
        },
      ],
    },
  ],
  tables: [
    {
      key: 'models',
      title: { vi: 'Mô hình', en: 'Models' },
      maxRows: 5,
      columns: [
        {
          key: 'name',
          type: 'text',
          label: { vi: 'Tên mô hình', en: 'Name' },
          required: true,
          maxLength: 200,
        },
        { key: 'start_date', type: 'date', label: { vi: 'Ngày bắt đầu', en: 'Start date' } },
        { key: 'members', type: 'integer', label: { vi: 'Số thành viên', en: 'Members' }, min: 0 },
      ],
    },
  ],
  rules: [
    {
      id: 'manners_within_opinions',
      check: 'opinions_on_manners <= opinions_received',
      message: {
        vi: 'Số ý kiến về lễ tiết, tác phong không được lớn hơn tổng số ý kiến tiếp thu.',
        en: 'Opinions on manners cannot exceed opinions received.',
      },
      field: 'opinions_on_manners',
    },
    {
      id: 'models_listed',
      check: 'count(models) >= 1',
      when: 'has_model = 1',
      message: {
        vi: 'Đơn vị có mô hình thì phải liệt kê ít nhất một mô hình.',
        en: 'List at least one model.',
      },
      field: 'has_model',
    },
  ],
};

export const sampleTemplate: Template = parseTemplate(sampleTemplateInput);

export function period(id: string, due: string, extra: Partial<Period> = {}): Period {
  const [year, slot] = id.split('-') as [string, string];
  return {
    id,
    kind: 'quarter',
    slot,
    year: Number(year),
    label: { vi: `Kỳ ${id}` },
    due,
    templateKind: 'results',
    locked: false,
    ...extra,
  };
}

export const sampleUnits: Unit[] = [
  { id: 'ROOT', name: 'Công an tỉnh', group: 'board', pilot: false, reports: false },
  {
    id: 'PX03',
    name: 'Phòng Công tác Đảng và công tác chính trị',
    group: 'department',
    parentId: 'ROOT',
    pilot: false,
    reports: true,
  },
  {
    id: 'PC06',
    name: 'Phòng Cảnh sát QLHC về TTXH',
    group: 'department',
    parentId: 'ROOT',
    pilot: true,
    reports: true,
  },
  {
    id: 'CATP',
    name: 'Công an thành phố Lạng Sơn',
    group: 'district',
    parentId: 'ROOT',
    pilot: true,
    reports: true,
  },
  {
    id: 'CATP-X1',
    name: 'Công an phường Chi Lăng',
    group: 'commune',
    parentId: 'CATP',
    pilot: false,
    reports: true,
  },
  {
    id: 'DTN',
    name: 'Đoàn Thanh niên Công an tỉnh',
    group: 'union',
    parentId: 'ROOT',
    pilot: false,
    reports: true,
  },
];

let counter = 0;
export function stored(
  unitId: string,
  values: StoredSubmission['values'],
  extra: Partial<StoredSubmission> = {},
): StoredSubmission {
  counter++;
  return {
    submissionId: `00000000-0000-4000-8000-${String(counter).padStart(12, '0')}`,
    templateId: 'results',
    templateVersion: 1,
    unitId,
    periodId: '2022-Q1',
    values,
    tables: {},
    revision: 1,
    receivedAt: '2022-03-10T03:00:00.000Z',
    onTime: true,
    review: { state: 'pending' },
    ...extra,
  };
}
