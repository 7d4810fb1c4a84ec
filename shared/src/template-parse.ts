/**
 * Parsing a template: the schema, then the checks of template.ts. Its own module, apart from the lookups of
 * template.ts, because it needs zod: esbuild splits the pane's code by whole files, so the clerk's first
 * screen (which uses the lookups) stays free of zod only while the parser lives here (docs/architecture.md, "Add-in build").
 */
import { problem, ProblemError, type Problem } from './i18n/problem';
import { schemaProblems } from './i18n/schema-problems';
import { TemplateSchema, type Template } from './schemas';
import { checkTemplate } from './template';
import { normalizeDeep } from './text';

/** A template that does not parse, with every problem (codes, parameters and paths). */
export class TemplateError extends ProblemError {
  constructor(problems: readonly Problem[]) {
    super(problems[0] ?? problem('schema_invalid'), problems.slice(1));
    this.name = 'TemplateError';
    // For logs and data-loading errors, not for people: they see the problems rendered at the edge.
    this.message = `invalid template: ${this.problems
      .map((p) => `${p.path || '(root)'}: ${p.code}${p.params ? ` ${JSON.stringify(p.params)}` : ''}`)
      .join('; ')}`;
  }
}

/** Parses, normalises to NFC and checks a template; throws TemplateError with every problem. */
export function parseTemplate(input: unknown): Template {
  const result = TemplateSchema.safeParse(normalizeDeep(input));
  if (!result.success) {
    throw new TemplateError(schemaProblems(result.error.issues));
  }
  const problems = checkTemplate(result.data);
  if (problems.length) throw new TemplateError(problems);
  return result.data;
}
