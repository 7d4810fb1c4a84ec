/** A synthetic campaign of N units × F integer fields, for size tests and the benchmark. */
import {
  computeRollup,
  parseTemplate,
  type Period,
  type StoredSubmission,
  type Template,
  type Unit,
} from '../../shared/src';
import { period as makePeriod } from './fixtures';

export function largeTemplate(fields: number): Template {
  return parseTemplate({
    id: 'results',
    campaignId: 'large',
    kind: 'results',
    version: 1,
    title: { vi: 'Báo cáo kết quả' },
    sections: [
      {
        key: 'figures',
        title: { vi: 'Số liệu' },
        fields: [
          ...Array.from({ length: fields - 1 }, (_, i) => ({
            key: `figure_${i + 1}`,
            type: 'integer' as const,
            label: { vi: `Chỉ tiêu số ${i + 1} về công tác xây dựng phong trào` },
            min: 0,
            rollup: 'sum' as const,
          })),
          {
            key: 'difficulties',
            type: 'longtext' as const,
            label: { vi: 'Khó khăn, vướng mắc' },
            rollup: 'list' as const,
          },
        ],
      },
    ],
    tables: [
      {
        key: 'models',
        title: { vi: 'Mô hình' },
        maxRows: 30,
        columns: [
          { key: 'name', type: 'text' as const, label: { vi: 'Tên mô hình' }, required: true },
          { key: 'start_date', type: 'date' as const, label: { vi: 'Ngày bắt đầu' } },
        ],
      },
    ],
  });
}

export function largeUnits(n: number): Unit[] {
  const groups = ['department', 'district', 'commune', 'union'] as const;
  return [
    { id: 'ROOT', name: 'Ban Chỉ đạo', group: 'board', pilot: false, reports: false },
    ...Array.from({ length: n }, (_, i) => ({
      id: `U${String(i + 1).padStart(5, '0')}`,
      name: `Đơn vị số ${i + 1} thuộc Công an tỉnh Lạng Sơn`,
      group: groups[i % groups.length]!,
      parentId: 'ROOT',
      pilot: false,
      reports: true,
    })),
  ];
}

export function largeSubmissions(
  template: Template,
  units: readonly Unit[],
  period: Pick<Period, 'id'>,
): StoredSubmission[] {
  const fields = template.sections.flatMap((s) => s.fields);
  return units
    .filter((u) => u.reports)
    .map((u, i) => ({
      submissionId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      templateId: template.id,
      templateVersion: template.version,
      unitId: u.id,
      periodId: period.id,
      values: Object.fromEntries(
        fields.map((f, k) => [
          f.key,
          f.type === 'integer'
            ? ((i + 1) * (k + 3)) % 997
            : `Khó khăn của ${u.name}: thiếu kinh phí, thiếu nhân lực.`,
        ]),
      ),
      tables: { models: [{ name: `Mô hình “Nụ cười chiến sĩ” của ${u.name}`, start_date: '2021-06-01' }] },
      revision: 1,
      receivedAt: '2022-06-10T02:00:00.000Z',
      onTime: i % 7 !== 0,
      review: { state: 'pending' as const },
    }));
}

/** N units × F fields, every unit reported for the half-year 2022-H1, and their roll-up. */
export function largeRollup(units: number, fields: number) {
  const template = largeTemplate(fields);
  const registry = largeUnits(units);
  const period = makePeriod('2022-H1', '2022-06-15');
  const submissions = largeSubmissions(template, registry, period);
  const rollup = computeRollup({ campaignId: 'large', period, templates: [template], units: registry, submissions });
  return { template, registry, period, submissions, rollup };
}
