/**
 * Mints a development token (AUTH_MODE=dev) and prints only the token on stdout:
 *
 *   TOKEN=$(npm run -s token -- --role clerk --unit PC06)
 *   curl -H "Authorization: Bearer $TOKEN" http://localhost:7071/api/campaigns
 *
 * Options: --role clerk|reviewer|admin (required), --unit <unitId> (required for a clerk),
 * --name <display name>, --expires <span, default 12h>, --subject <sub>, --campaign <id> (repeatable).
 * The secret, issuer and audience come from the same environment variables as the function app.
 * Exit codes: 0 token printed, 1 configuration error, 2 bad arguments.
 */
import { loadAuthConfig } from '../functions/src/auth/config';
import {
  DEFAULT_DEV_TOKEN_LIFETIME,
  mintDevToken,
  type DevTokenOptions,
} from '../functions/src/auth/dev-tokens';
import { isRole, ROLES } from '../functions/src/auth/principal';
import { type Io, processIo, readCliArgs, runCli } from './lib/cli';

export const USAGE = `Usage: token --role clerk|reviewer|admin [--unit <unitId>] [--name <name>] [--expires ${DEFAULT_DEV_TOKEN_LIFETIME}] [--subject <sub>] [--campaign <id>]...
  --unit is required for --role clerk. Prints a development bearer token (AUTH_MODE=dev) on stdout.
`;

const EXPIRES =
  /^[+-]? ?\d+(\.\d+)? ?(seconds?|secs?|s|minutes?|mins?|m|hours?|hrs?|h|days?|d|weeks?|w|years?|yrs?|y)$/i;

export async function main(
  argv: string[],
  env: Record<string, string | undefined>,
  io: Io = processIo,
): Promise<number> {
  const args = readCliArgs('token', USAGE, argv, io, {
    role: { type: 'string' },
    unit: { type: 'string' },
    name: { type: 'string' },
    expires: { type: 'string' },
    subject: { type: 'string' },
    campaign: { type: 'string', multiple: true },
  });
  if (args.exit !== undefined) return args.exit;
  const { values, usageError } = args;

  const role = values.role?.trim().toLowerCase();
  if (!role) return usageError('--role is required.');
  if (!isRole(role)) return usageError(`--role must be one of ${ROLES.join(', ')}, not "${values.role}".`);

  const unitId = values.unit?.trim();
  if (values.unit !== undefined && !unitId) return usageError('--unit must not be empty.');
  if (role === 'clerk' && !unitId) {
    return usageError(
      '--unit <unitId> is required for a clerk (a clerk is bound to one unit), e.g. --unit PC06.',
    );
  }

  const expiresIn = values.expires?.trim() ?? DEFAULT_DEV_TOKEN_LIFETIME;
  if (!EXPIRES.test(expiresIn))
    return usageError(`--expires "${values.expires}" is not a time span such as 12h, 30m or 7d.`);

  let config;
  try {
    config = loadAuthConfig(env);
  } catch (error) {
    io.err(`token: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
  if (config.mode !== 'dev') {
    io.err(
      'token: development tokens need AUTH_MODE=dev; with AUTH_MODE=entra sign in with Microsoft Entra ID.\n',
    );
    return 1;
  }

  const options: DevTokenOptions = { role, expiresIn };
  if (unitId) options.unitId = unitId;
  if (values.name?.trim()) options.name = values.name.trim();
  if (values.subject?.trim()) options.subject = values.subject.trim();
  if (values.campaign?.length) options.campaignIds = values.campaign;

  try {
    io.out(`${await mintDevToken(config, options)}\n`);
  } catch (error) {
    return usageError(error instanceof Error ? error.message : String(error));
  }
  return 0;
}

if (require.main === module) runCli('token', main);
