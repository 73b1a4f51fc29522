// The overview of a space (or an agent's calls), from the saved copy: totals, calls by status,
// outcome labels, and calls per day, as charts (recharts draws SVG, which the page's CSP
// allows). Each chart also has its numbers as a table for screen readers; the drawn chart is
// hidden from them and kept out of the Tab order (no accessibility layer: a focusable SVG inside
// aria-hidden is a Tab stop that announces nothing).
import { useEffect, useState, type ReactNode } from 'react';
import { Bar, BarChart, CartesianGrid, Cell, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { IpcError, TaskOverview, TaskScope } from '../../../src-main/ipc/contract.ts';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { LoadingStatus } from '../../components/LoadingStatus.tsx';
import { settle } from '../../lib/ipc.ts';
import { PLACED_STATUSES } from '../../../src-main/shared/task-status.ts';
import { dates } from '../../lib/dates.ts';
import {
  formatCount,
  formatLongDuration,
  formatPercent,
  formatTotalCost,
  statusLabel,
  statusTone,
} from '../tasks/format.ts';
import './overview.css';
import { useTasksStore } from '../../stores/context.ts';

const TONE_COLOURS: Record<string, string> = {
  good: '#1f8a52',
  bad: '#c2412d',
  busy: '#2a62f0',
  waiting: '#b7791f',
  other: '#6b7684',
};
const LABEL_COLOUR = '#5b4bd6';
const DAY_COLOUR = '#2a62f0';

type Loaded =
  { state: 'loading' } | { state: 'ready'; data: TaskOverview } | { state: 'error'; error: IpcError };

function useOverview(scope: TaskScope): { loaded: Loaded; reload(): void } {
  const dataStamp = useTasksStore((s) => s.dataStamp);
  const [loaded, setLoaded] = useState<Loaded>({ state: 'loading' });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let current = true;
    const utcOffsetMinutes = -new Date().getTimezoneOffset();
    void settle(() => window.unpod.tasks.overview({ scope, utcOffsetMinutes })).then((result) => {
      if (!current) return;
      setLoaded(result.ok ? { state: 'ready', data: result.data } : { state: 'error', error: result.error });
    });
    return () => {
      current = false;
    };
  }, [scope, dataStamp, attempt]);
  return { loaded, reload: () => setAttempt((n) => n + 1) };
}

/** A figure with, under it, what exactly it counts (a second <dd>, read after the value). */
function Stat({ label, value, note }: { label: string; value: string; note: string }) {
  return (
    <div className="overview-stat">
      <dt>{label}</dt>
      <dd>{value}</dd>
      <dd className="overview-stat__note">{note}</dd>
    </div>
  );
}

// "completed, partially completed, or failed": the same words as the status filter.
const PLACED_IN_WORDS = new Intl.ListFormat('en', { type: 'disjunction' }).format(
  PLACED_STATUSES.map((s) => statusLabel(s).toLowerCase()),
);

/** A chart with a visible title and, for screen readers, the same numbers as a table. */
function ChartFigure({
  id,
  title,
  rows,
  valueHeader,
  children,
  wide = false,
}: {
  id: string;
  title: string;
  rows: { label: string; value: number }[];
  valueHeader: string;
  children: ReactNode;
  wide?: boolean;
}) {
  return (
    <figure
      className={`overview-chart${wide ? ' overview-chart--wide' : ''}`}
      aria-labelledby={`${id}-title`}
    >
      <figcaption id={`${id}-title`} className="overview-chart__title">
        {title}
      </figcaption>
      {rows.length === 0 ? (
        <p className="overview-chart__empty">No data yet.</p>
      ) : (
        <>
          <div className="overview-chart__plot" aria-hidden="true">
            {children}
          </div>
          <table className="visually-hidden">
            <caption>{title}</caption>
            <thead>
              <tr>
                <th scope="col">Value</th>
                <th scope="col">{valueHeader}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.label}>
                  <th scope="row">{r.label}</th>
                  <td>{r.value}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </figure>
  );
}

/** Every day from the first to the last, days without calls as zero (so gaps show as gaps). */
function fillDays(perDay: readonly { day: string; count: number }[]): { day: string; count: number }[] {
  if (perDay.length === 0) return [];
  const counts = new Map(perDay.map((d) => [d.day, d.count]));
  const out: { day: string; count: number }[] = [];
  const end = Date.parse(`${perDay.at(-1)!.day}T00:00:00Z`);
  // A year at most: an outlier date must not make thousands of bars.
  for (
    let t = Math.max(Date.parse(`${perDay[0]!.day}T00:00:00Z`), end - 365 * 86_400_000);
    t <= end;
    t += 86_400_000
  ) {
    const day = new Date(t).toISOString().slice(0, 10);
    out.push({ day, count: counts.get(day) ?? 0 });
  }
  return out;
}

export function OverviewPanel({ scope }: { scope: TaskScope; agentNames: ReadonlyMap<string, string> }) {
  const { loaded, reload } = useOverview(scope);
  if (loaded.state === 'loading') return <LoadingStatus>Counting the saved calls…</LoadingStatus>;
  if (loaded.state === 'error') {
    return <ErrorNotice title="Could not build the overview" error={loaded.error} onRetry={reload} />;
  }
  const o = loaded.data;
  const statusRows = o.byStatus.map((f) => ({
    label: statusLabel(f.value),
    value: f.count,
    tone: statusTone(f.value),
  }));
  const labelRows = o.byLabel.slice(0, 12).map((f) => ({ label: f.value, value: f.count }));
  const dayRows = fillDays(o.perDay).map((d) => ({
    label: dates.day(d.day) ?? d.day,
    short: dates.axisDay(d.day) ?? d.day,
    value: d.count,
  }));

  return (
    <div className="overview">
      <dl className="overview-stats" aria-label="Totals">
        <Stat label="Calls" value={formatCount(o.total)} note="Every call in this view, dialled or not" />
        <Stat
          label="Calls placed"
          value={formatCount(o.placed)}
          note={`Dialled and ended: ${PLACED_IN_WORDS}`}
        />
        <Stat
          label="Connected calls"
          value={formatCount(o.connected)}
          note="Placed calls with talk time (over 0 s)"
        />
        <Stat label="Connect rate" value={formatPercent(o.connectRate) ?? '—'} note="Connected ÷ placed" />
        <Stat
          label="Total duration"
          value={formatLongDuration(o.totalDurationSeconds) ?? '—'}
          note="Talk time of the connected calls"
        />
        <Stat
          label="Average duration"
          value={formatLongDuration(o.averageDurationSeconds) ?? '—'}
          note="Per connected call"
        />
        <Stat label="Total cost" value={formatTotalCost(o.totalCost) ?? '—'} note="Every call in this view" />
      </dl>

      <div className="overview-charts">
        <ChartFigure id="ov-status" title="Calls by status" rows={statusRows} valueHeader="Calls">
          <ResponsiveContainer width="100%" height={240}>
            <BarChart
              accessibilityLayer={false}
              data={statusRows}
              layout="vertical"
              margin={{ left: 8, right: 24 }}
            >
              <CartesianGrid horizontal={false} stroke="#e6eaef" />
              <XAxis type="number" allowDecimals={false} tick={{ fontSize: 12 }} />
              <YAxis type="category" dataKey="label" width={130} interval={0} tick={{ fontSize: 12 }} />
              <Tooltip cursor={{ fill: '#eef1f5' }} />
              <Bar dataKey="value" name="Calls" isAnimationActive={false}>
                {statusRows.map((r) => (
                  <Cell key={r.label} fill={TONE_COLOURS[r.tone] ?? TONE_COLOURS.other} />
                ))}
              </Bar>
            </BarChart>
          </ResponsiveContainer>
        </ChartFigure>

        <ChartFigure id="ov-labels" title="Outcome labels" rows={labelRows} valueHeader="Calls">
          <ResponsiveContainer width="100%" height={Math.max(240, labelRows.length * 26)}>
            <BarChart
              accessibilityLayer={false}
              data={labelRows}
              layout="vertical"
              margin={{ left: 8, right: 24 }}
            >
              <CartesianGrid horizontal={false} stroke="#e6eaef" />
              <XAxis type="number" allowDecimals={false} tick={{ fontSize: 12 }} />
              <YAxis type="category" dataKey="label" width={150} interval={0} tick={{ fontSize: 12 }} />
              <Tooltip cursor={{ fill: '#eef1f5' }} />
              <Bar dataKey="value" name="Calls" fill={LABEL_COLOUR} isAnimationActive={false} />
            </BarChart>
          </ResponsiveContainer>
        </ChartFigure>

        <ChartFigure id="ov-days" title="Calls per day" rows={dayRows} valueHeader="Calls" wide>
          <ResponsiveContainer width="100%" height={220}>
            <BarChart accessibilityLayer={false} data={dayRows} margin={{ left: 0, right: 16 }}>
              <CartesianGrid vertical={false} stroke="#e6eaef" />
              <XAxis dataKey="short" tick={{ fontSize: 12 }} minTickGap={12} />
              <YAxis allowDecimals={false} tick={{ fontSize: 12 }} width={40} />
              <Tooltip
                cursor={{ fill: '#eef1f5' }}
                labelFormatter={(_, p) => String(p[0]?.payload?.label ?? '')}
              />
              <Bar dataKey="value" name="Calls" fill={DAY_COLOUR} isAnimationActive={false} />
            </BarChart>
          </ResponsiveContainer>
        </ChartFigure>
      </div>
    </div>
  );
}
