/** The function app: importing this module registers every endpoint (one file each). */
import './functions/health-get';
import './functions/campaigns-get';
import './functions/units-get';
import './functions/units-put';
import './functions/templates-get';
import './functions/template-version-get';
import './functions/templates-post';
import './functions/submissions-post';
import './functions/submissions-get';
import './functions/revisions-get';
import './functions/review-post';
import './functions/reviews-post';
import './functions/review-queue-get';
import './functions/submission-check-post';
import './functions/rollup-get';
import './functions/report-get';
import './functions/unit-status-get';
import './functions/progress-get';
import './functions/period-lock-put';
import './functions/template-definition-get';
import './functions/users-get';
import './functions/users-put';
import './functions/users-delete';
import './functions/data-get';
import './functions/backup-timer';
import './functions/values-post';

export { routes } from './http/register';
