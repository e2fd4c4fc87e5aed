const pad = (n: number): string => String(n).padStart(2, '0');

/** The user's own calendar day, yyyy-mm-dd: a file saved late in the evening is not dated tomorrow. */
export function localDate(date: Date): string {
  return `${String(date.getFullYear())}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** The user's own day and time, to the minute, for dates shown on screen. */
export function localDateTime(iso: string): string {
  const date = new Date(iso);
  return `${localDate(date)} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}
