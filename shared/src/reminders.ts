/**
 * Reminders to units whose reports are overdue (the progress screen's “copy reminder” and `mailto:`
 * links): one per unit, or one for every late unit, in the catalogue's words (catalogue-vi.ts
 * `progress.reminder*`, written as a Vietnamese office writes a “công văn đôn đốc”). Pure.
 */
import { catalogue } from './i18n/catalogue';
import { formatDateVi, localIsoDate } from './periods';
import type { OverdueUnit } from './progress';
import type { Language, LocalizedText, Period } from './schemas';
import { localize } from './text';
import { mailtoLink, MAILTO_MAX_LENGTH } from './mailto';

export interface ReminderContext {
  lang: Language;
  campaignName: LocalizedText;
  /** The standing office's name, as the reminder signs. */
  standingOffice: string;
  /** The campaign's periods (labels of the late ones). */
  periods: readonly Pick<Period, 'id' | 'label' | 'due'>[];
  now: Date;
  timeZone?: string;
}

export interface Reminder {
  subject: string;
  body: string;
}

function itemsOf(unit: OverdueUnit, ctx: ReminderContext): string[] {
  const t = catalogue(ctx.lang).progress;
  return unit.periods.map((p) => {
    const label = localize(ctx.periods.find((x) => x.id === p.periodId)?.label, ctx.lang) || p.periodId;
    return t.reminderItem(label, formatDateVi(p.due), p.daysLate);
  });
}

/** The reminder to one unit: its late reports, one per line. */
export function unitReminder(unit: OverdueUnit, ctx: ReminderContext): Reminder {
  const t = catalogue(ctx.lang).progress;
  const campaign = localize(ctx.campaignName, ctx.lang);
  const today = formatDateVi(localIsoDate(ctx.now, ctx.timeZone));
  const items = itemsOf(unit, ctx);
  return {
    subject: t.reminderSubject(campaign),
    body: [
      t.reminderTo(unit.name),
      '',
      t.reminderLead(campaign, today, unit.name),
      ...items.map((item, i) => `- ${item}${i === items.length - 1 ? '.' : ';'}`),
      t.reminderAsk(unit.name, ctx.standingOffice),
      '',
      ctx.standingOffice,
    ].join('\n'),
  };
}

/** One reminder for every late unit: the units numbered, each with its late reports. */
export function allUnitsReminder(units: readonly OverdueUnit[], ctx: ReminderContext): Reminder {
  const t = catalogue(ctx.lang).progress;
  const campaign = localize(ctx.campaignName, ctx.lang);
  const today = formatDateVi(localIsoDate(ctx.now, ctx.timeZone));
  return {
    subject: t.reminderSubject(campaign),
    body: [
      t.reminderToAll,
      '',
      t.reminderLeadAll(campaign, today, units.length, ctx.standingOffice),
      ...units.map(
        (u, i) => `${i + 1}. ${u.name}: ${itemsOf(u, ctx).join('; ')}${i === units.length - 1 ? '.' : ';'}`,
      ),
      t.reminderAskAll(ctx.standingOffice),
      '',
      ctx.standingOffice,
    ].join('\n'),
  };
}

/** The reminder as a `mailto:` link to the units' addresses (blind copies when several), if any is known. */
export function reminderMailto(
  reminder: Reminder,
  units: readonly Pick<OverdueUnit, 'email'>[],
): { href: string; tooLong: boolean } | undefined {
  const emails = [...new Set(units.map((u) => u.email).filter((e): e is string => !!e))];
  if (emails.length === 0) return undefined;
  const href =
    emails.length === 1
      ? mailtoLink({ to: emails, subject: reminder.subject, body: reminder.body })
      : mailtoLink({ bcc: emails, subject: reminder.subject, body: reminder.body });
  if (href.length <= MAILTO_MAX_LENGTH) return { href, tooLong: false };
  const short =
    emails.length === 1
      ? mailtoLink({ to: emails, subject: reminder.subject })
      : mailtoLink({ bcc: emails, subject: reminder.subject });
  return { href: short, tooLong: true };
}
