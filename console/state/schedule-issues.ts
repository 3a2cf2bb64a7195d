/** One problem the server found in the settings, by its path in the body (`schedule.weekly.mon.1.end`). */
export interface SettingsIssue {
  path: readonly (string | number)[];
  message: string;
}

/** The id of the form control for a path: `['schedule', 'weekly', 'mon', 1, 'end']` → `schedule-weekly-mon-1-end`. */
export function fieldIdOf(path: readonly (string | number)[]): string {
  return path.map((part) => String(part).replace(/[^A-Za-z0-9_]/g, '_')).join('-');
}

export interface PlacedIssues {
  /** Field id → the sentences to show under it. */
  byField: Record<string, string>;
  /** Every issue in order, for the summary; `fieldId` links to the control, null when none on this screen shows it. */
  summary: { message: string; fieldId: string | null }[];
}

/**
 * Places each issue next to the control it is about: the control whose id is the issue's path, or the
 * nearest enclosing one that exists on the screen (an issue about a whole interval goes to its start).
 * An issue no control on the screen matches (another screen's field) is only in the summary.
 *
 * @example
 * placeIssues([{ path: ['schedule', 'weekly', 'mon', 1, 'end'], message: 'Ends before it starts.' }], new Set(['schedule-weekly-mon-1-end']))
 * // → { byField: { 'schedule-weekly-mon-1-end': 'Ends before it starts.' }, summary: [{ message: …, fieldId: 'schedule-weekly-mon-1-end' }] }
 */
export function placeIssues(issues: readonly SettingsIssue[], fieldIds: ReadonlySet<string>): PlacedIssues {
  const byField: Record<string, string> = {};
  const summary: PlacedIssues['summary'] = [];
  for (const issue of issues) {
    const fieldId = nearestField(issue.path, fieldIds);
    if (fieldId !== null) byField[fieldId] = byField[fieldId] === undefined ? issue.message : `${byField[fieldId]} ${issue.message}`;
    summary.push({ message: issue.message, fieldId });
  }
  return { byField, summary };
}

function nearestField(path: readonly (string | number)[], fieldIds: ReadonlySet<string>): string | null {
  for (let length = path.length; length > 0; length--) {
    const id = fieldIdOf(path.slice(0, length));
    if (fieldIds.has(id)) return id;
    // An issue about a whole interval or exception is shown at its first control.
    for (const first of ['start', 'date']) {
      const child = `${id}-${first}`;
      if (length === path.length && fieldIds.has(child)) return child;
    }
  }
  return null;
}
