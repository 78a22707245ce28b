/**
 * A small line chart as inline SVG: a few series of (x, y) points in data units, axes with
 * the ticks given (or round ones for y), a legend. The page needs no script to draw it.
 * Every label goes through the HTML escaper.
 */
import { html } from '../escape.js';

export interface Series {
  readonly name: string;
  readonly color: string;
  readonly points: ReadonlyArray<readonly [number, number]>;
  readonly dashed?: boolean;
}

export interface Tick {
  readonly value: number;
  readonly label: string;
}

export interface LineChartSpec {
  readonly id: string;
  readonly title: string;
  readonly xLabel: string;
  readonly yLabel: string;
  readonly series: readonly Series[];
  /** Ticks on x; by default round numbers. */
  readonly xTicks?: readonly Tick[];
  readonly width?: number;
  readonly height?: number;
}

const MARGIN = { left: 64, right: 16, top: 28, bottom: 44 };

/** About five round tick values covering [0, max]. */
export function roundTicks(max: number, count = 5): number[] {
  if (!(max > 0)) return [0, 1];
  const raw = max / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => s >= raw) ?? raw;
  const ticks: number[] = [];
  for (let v = 0; v <= max + step * 1e-9; v += step) ticks.push(Math.round(v * 1e6) / 1e6);
  if (ticks[ticks.length - 1]! < max) ticks.push(ticks[ticks.length - 1]! + step);
  return ticks;
}

function fmt(n: number): string {
  if (n === 0) return '0';
  const abs = Math.abs(n);
  if (abs >= 1e6) return `${Math.round(n / 1e5) / 10}M`;
  if (abs >= 1e4) return `${Math.round(n / 100) / 10}k`;
  if (abs >= 100) return String(Math.round(n));
  if (abs >= 1) return String(Math.round(n * 100) / 100);
  return String(Math.round(n * 1000) / 1000);
}

export function lineChart(spec: LineChartSpec): string {
  const width = spec.width ?? 760;
  const height = spec.height ?? 320;
  const all = spec.series.flatMap((s) => s.points);
  const xs = all.map((p) => p[0]);
  const ys = all.map((p) => p[1]);
  const xTicks =
    spec.xTicks ?? roundTicks(Math.max(1, ...xs)).map((value) => ({ value, label: fmt(value) }));
  const xMin = Math.min(...xTicks.map((t) => t.value), ...(xs.length ? xs : [0]));
  const xMax = Math.max(...xTicks.map((t) => t.value), ...(xs.length ? xs : [1]));
  const yTicks = roundTicks(Math.max(0, ...ys));
  const yMax = yTicks[yTicks.length - 1]!;
  const plotW = width - MARGIN.left - MARGIN.right;
  const plotH = height - MARGIN.top - MARGIN.bottom;
  const sx = (x: number): number =>
    MARGIN.left + (xMax === xMin ? 0 : ((x - xMin) / (xMax - xMin)) * plotW);
  const sy = (y: number): number => MARGIN.top + plotH - (yMax === 0 ? 0 : (y / yMax) * plotH);
  const grid = [
    ...yTicks.map(
      (v) =>
        `<line x1="${MARGIN.left}" x2="${MARGIN.left + plotW}" y1="${sy(v).toFixed(1)}" y2="${sy(v).toFixed(1)}" stroke="#eaeef2"/>` +
        `<text x="${MARGIN.left - 6}" y="${(sy(v) + 4).toFixed(1)}" text-anchor="end">${html(fmt(v))}</text>`,
    ),
    ...xTicks.map(
      (t) =>
        `<line y1="${MARGIN.top}" y2="${MARGIN.top + plotH}" x1="${sx(t.value).toFixed(1)}" x2="${sx(t.value).toFixed(1)}" stroke="#eaeef2"/>` +
        `<text x="${sx(t.value).toFixed(1)}" y="${MARGIN.top + plotH + 16}" text-anchor="middle">${html(t.label)}</text>`,
    ),
  ].join('');
  const lines = spec.series
    .filter((s) => s.points.length > 0)
    .map(
      (s) =>
        `<polyline class="series" data-series="${html(s.name)}" fill="none" stroke="${html(s.color)}" stroke-width="2"` +
        `${s.dashed ? ' stroke-dasharray="6 4"' : ''} points="${s.points
          .map(([x, y]) => `${sx(x).toFixed(1)},${sy(y).toFixed(1)}`)
          .join(' ')}"/>`,
    )
    .join('');
  const legend = spec.series
    .map((s) => `<span><i style="background:${html(s.color)}"></i>${html(s.name)}</span>`)
    .join('');
  return (
    `<figure class="chart" id="${html(spec.id)}"><svg xmlns="http://www.w3.org/2000/svg" role="img" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">` +
    `<title>${html(spec.title)}</title>` +
    `<text x="${MARGIN.left}" y="16" style="font-weight:600;fill:#1f2328">${html(spec.title)}</text>${grid}` +
    `<line x1="${MARGIN.left}" x2="${MARGIN.left}" y1="${MARGIN.top}" y2="${MARGIN.top + plotH}" stroke="#59636e"/>` +
    `<line x1="${MARGIN.left}" x2="${MARGIN.left + plotW}" y1="${MARGIN.top + plotH}" y2="${MARGIN.top + plotH}" stroke="#59636e"/>` +
    `${lines}<text x="${MARGIN.left + plotW / 2}" y="${height - 6}" text-anchor="middle">${html(spec.xLabel)}</text>` +
    `<text transform="translate(14 ${MARGIN.top + plotH / 2}) rotate(-90)" text-anchor="middle">${html(spec.yLabel)}</text>` +
    `</svg><figcaption class="legend">${legend}</figcaption></figure>`
  );
}
