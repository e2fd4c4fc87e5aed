import { useEffect, useState } from 'react';
import type { Assessment } from '../../domain/assessment/schema.ts';
import type { Catalogue } from '../../domain/catalogue/schema.ts';
import { agendaOf, controlsLeft } from '../../domain/workshop/agenda.ts';
import type { AgendaItem } from '../../domain/workshop/schema.ts';
import { useAppStore } from '../../store/app-store.ts';

export interface AgendaClock {
  readonly running: boolean;
  /** Seconds spent per domain while the clock ran. */
  readonly elapsed: Readonly<Record<string, number>>;
  readonly domain: string | null;
  readonly toggle: () => void;
  readonly reset: () => void;
}

/**
 * The running clock: while it runs, time goes to the domain on screen. Kept in memory for the
 * session; the agenda's time boxes are saved with the assessment.
 */
export function useAgendaClock(domain: string | null): AgendaClock {
  const [running, setRunning] = useState(false);
  const [elapsed, setElapsed] = useState<Record<string, number>>({});
  useEffect(() => {
    if (!running || domain === null) return;
    const timer = setInterval(() => {
      setElapsed((e) => ({ ...e, [domain]: (e[domain] ?? 0) + 1 }));
    }, 1000);
    return () => clearInterval(timer);
  }, [running, domain]);
  return {
    running,
    elapsed,
    domain,
    toggle: () => setRunning((r) => !r),
    reset: () => {
      setRunning(false);
      setElapsed({});
    },
  };
}

const clockText = (seconds: number): string =>
  `${String(Math.floor(seconds / 60))}:${String(seconds % 60).padStart(2, '0')}`;

export function Agenda({
  clock,
  catalogue,
  assessment,
  compact = false,
}: {
  clock: AgendaClock;
  catalogue: Catalogue;
  assessment: Assessment;
  compact?: boolean;
}) {
  const updateWorkshop = useAppStore((s) => s.updateWorkshop);
  const agenda = agendaOf(catalogue, assessment);
  const name = (id: string): string => catalogue.domains.find((d) => d.id === id)?.name ?? id;
  const save = (items: AgendaItem[]): void => updateWorkshop((w) => ({ ...w, agenda: items }));

  if (compact) {
    const current = agenda.find((a) => a.domain === clock.domain);
    const spent = clock.domain === null ? 0 : (clock.elapsed[clock.domain] ?? 0);
    const over = current !== undefined && spent > current.minutes * 60;
    return (
      <span className={`agenda-compact${over ? ' over' : ''}`}>
        <span role="timer" aria-label="Time in this domain">
          {clockText(spent)}
          {current && ` of ${String(current.minutes)}:00`}
        </span>
        {clock.domain !== null && (
          <span> · {controlsLeft(catalogue, assessment, clock.domain)} left to discuss</span>
        )}{' '}
        <button type="button" className="secondary" onClick={clock.toggle}>
          {clock.running ? 'Pause clock' : 'Start clock'}
        </button>
      </span>
    );
  }

  const total = agenda.reduce((t, a) => t + a.minutes, 0);
  const spentTotal = Object.values(clock.elapsed).reduce((t, s) => t + s, 0);
  return (
    <section aria-labelledby="agenda-title" className="agenda">
      <h2 id="agenda-title">Agenda</h2>
      <p className="muted">
        Planned {total} minutes; {clockText(spentTotal)} spent so far. Time runs for the domain on
        the presentation screen while the clock is started. Controls left: those not yet discussed
        in this workshop, that is not agreed here, not parked (revisit or evidence requested) and
        not marked discussed (d); an answer carried over from before does not count.
      </p>
      <table aria-labelledby="agenda-title">
        <thead>
          <tr>
            <th scope="col">Domain</th>
            <th scope="col">Minutes</th>
            <th scope="col">Spent</th>
            <th scope="col">Controls left</th>
            <th scope="col">Order</th>
          </tr>
        </thead>
        <tbody>
          {agenda.map((item, i) => {
            const spent = clock.elapsed[item.domain] ?? 0;
            const over = spent > item.minutes * 60;
            return (
              <tr key={item.domain} className={over ? 'over' : undefined}>
                <th scope="row">{name(item.domain)}</th>
                <td>
                  {/* Uncontrolled, so a half-typed number is not thrown away; valid values save. */}
                  <input
                    type="number"
                    min={1}
                    max={600}
                    aria-label={`Minutes for ${name(item.domain)}`}
                    defaultValue={item.minutes}
                    onChange={(e) => {
                      const minutes = Math.round(Number(e.target.value));
                      if (!Number.isFinite(minutes) || minutes < 1 || minutes > 600) return;
                      save(agenda.map((a, j) => (j === i ? { ...a, minutes } : a)));
                    }}
                  />
                </td>
                <td>
                  {clockText(spent)}
                  {over && <strong> over time</strong>}
                </td>
                <td>{controlsLeft(catalogue, assessment, item.domain)}</td>
                <td>
                  <button
                    type="button"
                    className="secondary"
                    disabled={i === 0}
                    aria-label={`Move ${name(item.domain)} earlier`}
                    onClick={() => {
                      const next = [...agenda];
                      const [moved] = next.splice(i, 1);
                      if (moved) next.splice(i - 1, 0, moved);
                      save(next);
                    }}
                  >
                    ↑
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <div className="toolbar">
        <button type="button" onClick={clock.toggle}>
          {clock.running ? 'Pause clock' : 'Start clock'}
        </button>
        <button type="button" className="secondary" onClick={clock.reset}>
          Reset clock
        </button>
      </div>
    </section>
  );
}
