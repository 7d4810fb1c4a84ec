/**
 * Field comments on a returned report and what changed between two revisions (shared/src/review-comments.ts).
 */
import {
  normalizeReviewFields,
  ReviewActionSchema,
  reviewFieldProblems,
  submissionChanges,
  type Template,
} from '../../shared/src';
import { loadCampaignBundles } from '../../functions/src/catalog/campaign-files';

const bundle = loadCampaignBundles().find((b) => b.campaign.id === 'lang-son-nu-cuoi-chien-si')!;
const results = bundle.templates.find((t) => t.id === 'results') as Template;

test('comments may name fields and tables of the template; any other key is a problem naming it', () => {
  expect(reviewFieldProblems(results, { participants: 'x', models: 'y' })).toEqual([]);
  expect(reviewFieldProblems(results, { participants: 'x', nope: 'y' })).toEqual([
    expect.objectContaining({ code: 'unknown_review_field', key: 'nope', path: 'fields.nope' }),
  ]);
});

test('comments are stored NFC and trimmed; empty ones are dropped, and none at all is undefined', () => {
  const nfd = 'Kiểm tra lại'.normalize('NFD');
  expect(normalizeReviewFields({ participants: ` ${nfd} `, models: '   ' })).toEqual({
    participants: 'Kiểm tra lại',
  });
  expect(normalizeReviewFields({ models: ' ' })).toBeUndefined();
});

test('the schema: at most 30 commented fields, 300 characters each, and only with a return', () => {
  const many = Object.fromEntries(Array.from({ length: 31 }, (_, i) => [`f${i}`, 'x']));
  const tooMany = ReviewActionSchema.safeParse({ action: 'return', fields: many });
  expect(tooMany.success).toBe(false);
  expect(JSON.stringify(tooMany.error?.issues)).toContain('too_many_review_fields');
  expect(ReviewActionSchema.safeParse({ action: 'return', fields: { a: 'x'.repeat(301) } }).success).toBe(
    false,
  );
  expect(ReviewActionSchema.safeParse({ action: 'accept', fields: { a: 'x' } }).success).toBe(false);
  expect(ReviewActionSchema.safeParse({ action: 'return', fields: { participants: 'x' } }).success).toBe(
    true,
  );
});

test('changes: fields added, removed and changed in the template’s order; tables by their rows', () => {
  const before = {
    values: { participants: 40, meetings_held: 2, highlights: 'Tốt' },
    tables: { models: [{ name: 'A' }] },
  };
  const after = {
    values: { meetings_held: 2, participants: 12_000, models_built: 3 },
    tables: { models: [{ name: 'A' }, { name: 'B' }] },
  };
  expect(submissionChanges(results, before, after)).toEqual([
    expect.objectContaining({ key: 'participants', from: 40, to: 12_000 }),
    expect.objectContaining({ key: 'models_built', from: null, to: 3 }),
    expect.objectContaining({ key: 'highlights', from: 'Tốt', to: null }),
    expect.objectContaining({ key: 'models', from: 1, to: 2, table: true }),
  ]);
  expect(submissionChanges(results, after, after)).toEqual([]);
});
