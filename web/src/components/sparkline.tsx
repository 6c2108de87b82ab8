// A tiny inline SVG line of recent values (e.g. items per poll), with an accessible summary.
export function sparkPoints(values: readonly number[], width: number, height: number): string {
  if (values.length === 0) return '';
  const max = Math.max(1, ...values);
  const step = values.length > 1 ? width / (values.length - 1) : 0;
  return values
    .map(
      (v, i) =>
        `${Math.round(i * step * 10) / 10},${Math.round((height - 1 - (Math.max(0, v) / max) * (height - 2)) * 10) / 10}`,
    )
    .join(' ');
}

export function Sparkline({
  values,
  label,
  width = 100,
  height = 24,
}: {
  values: readonly number[];
  label: string;
  width?: number;
  height?: number;
}) {
  if (values.length === 0) return <span aria-label={label}>—</span>;
  return (
    <svg width={width} height={height} role="img" aria-label={label} data-testid="sparkline">
      <polyline points={sparkPoints(values, width, height)} fill="none" stroke="#1677ff" strokeWidth={1.5} />
    </svg>
  );
}
