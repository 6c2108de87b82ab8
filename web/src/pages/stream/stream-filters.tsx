// The stream's filter bar: search, time range, source, sentiment, plan, place, unit, warning level of the post's
// event (this level or more severe), duplicate folding.
import { Button, Input, Select, Space, Switch } from 'antd';
import { useEffect, useState } from 'react';
import { usePlans, useSources, useUnits } from '../../api/ref-data.ts';
import { useI18n } from '../../i18n/locale-context.tsx';
import { LEVELS, RANGES, type StreamFilters } from './stream-query.ts';

export interface StreamFiltersProps {
  value: StreamFilters;
  onChange: (next: StreamFilters) => void;
}

export function StreamFilterBar({ value, onChange }: StreamFiltersProps) {
  const { t } = useI18n();
  const sources = useSources();
  const plans = usePlans();
  const units = useUnits();
  const [q, setQ] = useState(value.q);
  useEffect(() => setQ(value.q), [value.q]);
  const set = (patch: Partial<StreamFilters>) => onChange({ ...value, ...patch, page: 1 });
  const w = { minWidth: 140 };
  return (
    <Space wrap style={{ marginBottom: 16 }} data-testid="stream-filters">
      <Input.Search
        aria-label={t('stream.search')}
        placeholder={t('stream.searchPlaceholder')}
        value={q}
        onChange={(e) => setQ(e.target.value)}
        onSearch={(v) => set({ q: v })}
        allowClear
        enterButton={t('common.search')}
        style={{ width: 320, maxWidth: '100%' }}
        data-testid="stream-search"
      />
      <Select
        aria-label={t('stream.time')}
        placeholder={t('stream.time')}
        value={value.range || undefined}
        allowClear
        onChange={(v?: string) => set({ range: (v ?? '') as StreamFilters['range'] })}
        options={RANGES.map((r) => ({ value: r, label: t(`range.${r}`) }))}
        style={w}
      />
      <Select
        aria-label={t('stream.source')}
        placeholder={t('stream.source')}
        mode="multiple"
        maxTagCount={1}
        value={value.source}
        onChange={(v: string[]) => set({ source: v })}
        options={sources.map((s) => ({ value: s.id, label: s.name }))}
        style={{ minWidth: 160 }}
      />
      <Select
        aria-label={t('stream.sentiment')}
        placeholder={t('stream.sentiment')}
        mode="multiple"
        value={value.sentiment}
        onChange={(v: string[]) => set({ sentiment: v })}
        options={(['negative', 'neutral', 'positive'] as const).map((s) => ({ value: s, label: t(`sentiment.${s}`) }))}
        style={{ minWidth: 160 }}
        data-testid="filter-sentiment"
      />
      <Select
        aria-label={t('stream.plan')}
        placeholder={t('stream.plan')}
        value={value.plan || undefined}
        allowClear
        onChange={(v?: string) => set({ plan: v ?? '' })}
        options={plans.map((p) => ({ value: p.name, label: p.name }))}
        style={w}
      />
      <Input
        aria-label={t('stream.place')}
        placeholder={t('stream.place')}
        defaultValue={value.place}
        onPressEnter={(e) => set({ place: e.currentTarget.value.trim() })}
        onBlur={(e) => e.currentTarget.value.trim() !== value.place && set({ place: e.currentTarget.value.trim() })}
        style={{ width: 120 }}
        allowClear
      />
      <Select
        aria-label={t('stream.unit')}
        placeholder={t('stream.unit')}
        value={value.unit || undefined}
        allowClear
        showSearch
        onChange={(v?: string) => set({ unit: v ?? '' })}
        options={units.map((u) => ({ value: u.name, label: u.name }))}
        style={w}
      />
      <Select
        aria-label={t('stream.level')}
        placeholder={t('stream.level')}
        value={value.level || undefined}
        allowClear
        onChange={(v?: number) => set({ level: v ?? 0 })}
        options={LEVELS.map((l) => ({
          value: l,
          label: l === 1 ? t('level.1') : t('stream.levelAtLeast', { level: t(`level.${l}`) }),
        }))}
        style={{ minWidth: 170 }}
        data-testid="filter-level"
      />
      <Space>
        <Switch checked={value.fold} onChange={(fold) => set({ fold })} aria-label={t('stream.fold')} id="tf-fold" />
        <label htmlFor="tf-fold">{t('stream.fold')}</label>
      </Space>
      <Button
        onClick={() =>
          onChange({
            q: '',
            range: '',
            source: [],
            sentiment: [],
            plan: '',
            place: '',
            unit: '',
            level: 0,
            fold: true,
            page: 1,
          })
        }
      >
        {t('stream.reset')}
      </Button>
    </Space>
  );
}
