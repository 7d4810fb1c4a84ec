/**
 * Publishing a template version, the one path for POST /api/campaigns/{c}/templates and for the
 * campaigns loaded from the repository's campaigns/ folder (seed-campaigns.ts): the version must be
 * newer than every published one and compatible with them (template.ts `incompatibilities`), and
 * is stored once. Answers 409 in the contract's shape otherwise.
 */
import { incompatibilities, problem, type Campaign, type Template } from '../../../shared/src';
import { badRequest, HttpError } from '../http/responses';
import type { Services } from '../services';
import { TemplateVersionExistsError } from './catalog-store';

export async function publishTemplate(
  services: Services,
  campaign: Campaign,
  template: Template,
): Promise<{ templateId: string; version: number }> {
  if (template.campaignId !== campaign.id)
    throw badRequest('invalid_body', undefined, [
      problem('campaign_mismatch', { campaignId: campaign.id }, { path: 'campaignId', key: 'campaignId' }),
    ]);
  const earlier = (await services.catalog.listTemplates(campaign.id)).filter((t) => t.id === template.id);
  const newest = Math.max(0, ...earlier.map((t) => t.version));
  if (template.version <= newest) {
    throw new HttpError(
      409,
      problem('version_exists', { templateId: template.id, version: template.version }),
      {
        newestVersion: newest,
      },
    );
  }
  const reasons = incompatibilities(earlier, template);
  if (reasons.length) throw new HttpError(409, 'incompatible_template', reasons);
  try {
    await services.catalog.addTemplate(template);
  } catch (e) {
    if (e instanceof TemplateVersionExistsError) {
      throw new HttpError(
        409,
        problem('version_exists', { templateId: template.id, version: template.version }),
      );
    }
    throw e;
  }
  return { templateId: template.id, version: template.version };
}

/** A seed's template: published unless that version is already there (loading is idempotent). */
export async function publishTemplateIfMissing(
  services: Services,
  campaign: Campaign,
  template: Template,
): Promise<boolean> {
  if (await services.catalog.getTemplate(campaign.id, template.id, template.version)) return false;
  await publishTemplate(services, campaign, template);
  return true;
}
