/**
 * Who is calling, and what they may do. Every authorisation decision of the API is made by
 * {@link authorize}; route handlers never test roles themselves. The same code serves dev
 * tokens and Microsoft Entra ID tokens (see verify.ts for how claims become a Principal).
 */
import { problem, type Problem, type ProblemParams } from '../../../shared/src';

export const ROLES = ['clerk', 'reviewer', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

export interface Principal {
  /** Stable user id: `sub` (dev tokens) or `sub`/`oid` (Entra). */
  subject: string;
  name?: string;
  /** Known roles only, never empty for a verified principal. */
  roles: Role[];
  /** Clerks are bound to one unit. */
  unitId?: string;
  /** Optional restriction to some campaigns; undefined = every campaign. */
  campaignIds?: string[];
  /**
   * For a reviewer bound to a unit and not limited by `campaignIds`: the campaigns whose standing office
   * that unit is (campaign data, `standingOffice`), set by the HTTP edge. The reviewer role reaches only
   * these; the principal's other roles are not narrowed by it (an admin without a limit sees all).
   */
  standingOfficeOf?: string[];
}

/**
 * One variant per kind of endpoint of the HTTP contract (docs/architecture.md, "HTTP"). Every variant except `read-campaigns` may carry
 * the campaign of the route, checked against `principal.campaignIds` when both are present
 * (the campaign list itself is filtered with {@link canAccessCampaign}).
 */
export type Action =
  | { kind: 'read-campaigns' }
  | { kind: 'read-units'; campaignId?: string }
  | { kind: 'write-units'; campaignId?: string }
  | { kind: 'read-templates'; campaignId?: string }
  | { kind: 'publish-template'; campaignId?: string }
  /** Create or update a campaign and its registry (POST /campaigns): the campaign of the body. */
  | { kind: 'write-campaign'; campaignId?: string }
  /** `backfill`: the body carries `receivedAt` (paper report entered later). */
  | { kind: 'submit'; unitId: string; backfill: boolean; campaignId?: string }
  /** Latest revisions and revision history; `unitId` undefined = all units. */
  | { kind: 'read-submissions'; unitId?: string; campaignId?: string }
  | { kind: 'review'; campaignId?: string }
  | { kind: 'read-rollup'; campaignId?: string }
  | { kind: 'write-locked-period'; campaignId?: string }
  /** Lock or unlock a period (PUT …/periods/{p}/lock). */
  | { kind: 'lock-period'; campaignId?: string };

export type ActionKind = Action['kind'];

/** Checked by the compiler: a new kind of action must be listed here. */
const ACTION_KIND_SET: Record<ActionKind, true> = {
  'read-campaigns': true,
  'read-units': true,
  'write-units': true,
  'read-templates': true,
  'publish-template': true,
  'write-campaign': true,
  submit: true,
  'read-submissions': true,
  review: true,
  'read-rollup': true,
  'write-locked-period': true,
  'lock-period': true,
};
export const ACTION_KINDS = Object.keys(ACTION_KIND_SET) as readonly ActionKind[];

/** A refusal is a problem (docs/architecture.md, "Messages"); the HTTP edge renders it. */
export type DenialCode =
  | 'no_role'
  | 'admin_only'
  | 'reviewer_only'
  | 'submitter_only'
  | 'no_unit'
  | 'other_unit'
  | 'backfill_admin_only'
  | 'locked_period'
  | 'campaign_forbidden';
export type Denial = { ok: false; status: 403; code: DenialCode; problem: Problem };
export type Decision = { ok: true } | Denial;

const ALLOW = { ok: true } as const satisfies Decision;

function deny(code: DenialCode, params?: ProblemParams): Denial {
  return { ok: false, status: 403, code, problem: problem(code, params) };
}

function sameUnit(a: string | undefined, b: string | undefined): boolean {
  return a !== undefined && b !== undefined && a.trim().normalize('NFC') === b.trim().normalize('NFC');
}

/** Whether one of the principal's roles reaches a campaign: its campaign limit, and a reviewer's office. */
function roleReaches(role: Role, principal: Principal, campaignId: string): boolean {
  if (principal.campaignIds !== undefined && !principal.campaignIds.includes(campaignId)) return false;
  if (role === 'reviewer' && principal.standingOfficeOf !== undefined)
    return principal.standingOfficeOf.includes(campaignId);
  return true;
}

/** Whether the principal may see a campaign at all (filters `GET /api/campaigns`). */
export function canAccessCampaign(principal: Principal, campaignId: string): boolean {
  return principal.roles.filter(isRole).some((role) => roleReaches(role, principal, campaignId));
}

function decideForRole(role: Role, principal: Principal, action: Action): Decision {
  switch (action.kind) {
    case 'read-campaigns':
    case 'read-units':
    case 'read-templates':
      return ALLOW;

    case 'write-units':
    case 'publish-template':
    case 'write-campaign':
    case 'lock-period':
      return role === 'admin' ? ALLOW : deny('admin_only');

    case 'write-locked-period':
      return role === 'admin' ? ALLOW : deny('locked_period');

    case 'review':
    case 'read-rollup':
      return role === 'reviewer' || role === 'admin' ? ALLOW : deny('reviewer_only');

    case 'submit':
      if (role === 'admin') return ALLOW;
      if (role === 'reviewer') return deny('submitter_only');
      if (principal.unitId === undefined) return deny('no_unit');
      if (!sameUnit(principal.unitId, action.unitId)) return deny('other_unit', { action: 'submit' });
      if (action.backfill) return deny('backfill_admin_only');
      return ALLOW;

    case 'read-submissions':
      if (role === 'admin' || role === 'reviewer') return ALLOW;
      if (principal.unitId === undefined) return deny('no_unit');
      return sameUnit(principal.unitId, action.unitId) ? ALLOW : deny('other_unit', { action: 'read' });

    default: {
      const unknownAction: never = action;
      void unknownAction;
      return deny('admin_only');
    }
  }
}

/**
 * The single authorisation rule book. A principal with several roles is allowed when any of its
 * roles allows the action; otherwise the denial of its first role is returned.
 * Never throws; unknown roles or actions are denied.
 */
export function authorize(principal: Principal, action: Action): Decision {
  const roles = principal.roles.filter(isRole);
  if (roles.length === 0) return deny('no_role');

  const campaignId = 'campaignId' in action ? action.campaignId : undefined;
  if (campaignId !== undefined && !canAccessCampaign(principal, campaignId)) {
    return deny('campaign_forbidden');
  }

  let firstDenial: Denial | undefined;
  for (const role of roles) {
    const decision =
      campaignId !== undefined && !roleReaches(role, principal, campaignId)
        ? deny('campaign_forbidden')
        : decideForRole(role, principal, action);
    if (decision.ok) return ALLOW;
    firstDenial ??= decision;
  }
  return firstDenial ?? deny('no_role');
}
