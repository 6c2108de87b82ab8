// 词典: the office's user dictionary (setting analysis.userWords) — words the segmenter keeps whole, e.g. local
// estates, roads, institutions' short names. Add one word, paste many lines (`词 [词频] [词性]`, each malformed line
// named with its problem, nothing saved until all are right), or remove a word.
import { useState } from 'react';
import { Alert, Button, Form, Input, InputNumber, Popconfirm, Select, Space, Table, Typography } from 'antd';
import type { UserWord } from '../../api/types.ts';
import { api } from '../../api/client.ts';
import { useApi } from '../../api/use-api.ts';
import { useAction } from '../../api/use-action.ts';
import { PageState } from '../../components/page-state.tsx';
import { useI18n } from '../../i18n/locale-context.tsx';
import { MAX_FREQ, MAX_WORD_LENGTH, mergeWords, parseDictionaryLines, type LineError } from './dictionary-lines.ts';

const PATH = '/api/settings/analysis.userWords';
const TAGS = ['ns', 'nt', 'nz', 'nr', 'n', 'v'] as const;

interface Setting {
  value: UserWord[];
}
interface OneWord {
  word: string;
  freq?: number | null;
  tag?: string;
}

function LineErrors({ errors }: { errors: LineError[] }) {
  const { t } = useI18n();
  return (
    <Alert
      type="error"
      showIcon
      data-testid="dict-line-errors"
      title={t('dict.lineErrors', { count: errors.length })}
      description={
        <ul style={{ margin: 0, paddingInlineStart: 20 }}>
          {errors.map((e) => (
            <li key={e.line} data-testid="dict-line-error">
              {t('dict.lineError', { line: e.line, text: e.text, problem: t(`dict.problem.${e.problem}`) })}
            </li>
          ))}
        </ul>
      }
    />
  );
}

export function DictionaryTab() {
  const { t } = useI18n();
  const r = useApi<Setting>(PATH);
  const { busy, run } = useAction();
  const [form] = Form.useForm<OneWord>();
  const [paste, setPaste] = useState('');
  const [errors, setErrors] = useState<LineError[]>([]);
  const [filter, setFilter] = useState('');
  const words = r.data?.value ?? [];
  const save = async (next: UserWord[]) => {
    await api.put(PATH, { value: next });
    r.reload();
  };
  const addOne = (v: OneWord) =>
    run(t('dict.add'), async () => {
      const w: UserWord = { word: v.word.trim() };
      if (v.freq) w.freq = v.freq;
      if (v.tag) w.tag = v.tag;
      await save(mergeWords(words, [w]));
      form.resetFields();
      return t('dict.added', { word: w.word });
    });
  const addMany = () =>
    run(t('dict.import'), async () => {
      const parsed = parseDictionaryLines(paste);
      setErrors(parsed.errors);
      if (parsed.errors.length > 0 || parsed.words.length === 0) return;
      await save(mergeWords(words, parsed.words));
      setPaste('');
      return t('dict.imported', { count: parsed.words.length });
    });
  const remove = (word: string) =>
    run(t('dict.remove'), async () => {
      await save(words.filter((w) => w.word !== word));
      return t('dict.removed', { word });
    });
  const shown = filter ? words.filter((w) => w.word.includes(filter.trim())) : words;
  return (
    <div style={{ display: 'grid', gap: 16 }}>
      <Typography.Text type="secondary">{t('dict.hint')}</Typography.Text>
      <Form<OneWord>
        form={form}
        layout="inline"
        name="dict-word"
        onFinish={(v) => void addOne(v)}
        style={{ rowGap: 8 }}
      >
        <Form.Item
          name="word"
          label={t('dict.word')}
          rules={[
            { required: true, whitespace: true, message: t('dict.wordRequired') },
            { pattern: /^\S+$/u, message: t('dict.problem.tooManyParts') },
            { max: MAX_WORD_LENGTH, message: t('dict.problem.tooLong') },
          ]}
        >
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item name="freq" label={t('dict.freq')}>
          <InputNumber min={1} max={MAX_FREQ} precision={0} placeholder="100000" style={{ width: 130 }} />
        </Form.Item>
        <Form.Item name="tag" label={t('dict.tag')}>
          <Select
            allowClear
            style={{ width: 150 }}
            placeholder="nz"
            options={TAGS.map((x) => ({ value: x, label: `${x} ${t(`dict.tag.${x}`)}` }))}
          />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy} data-testid="dict-add">
          {t('dict.add')}
        </Button>
      </Form>
      <div style={{ display: 'grid', gap: 8 }}>
        <Typography.Text strong>{t('dict.paste')}</Typography.Text>
        <Input.TextArea
          aria-label={t('dict.paste')}
          data-testid="dict-paste"
          rows={4}
          spellCheck={false}
          placeholder={t('dict.pastePlaceholder')}
          value={paste}
          onChange={(e) => setPaste(e.target.value)}
        />
        <Space wrap>
          <Button
            onClick={() => void addMany()}
            loading={busy}
            disabled={paste.trim() === ''}
            data-testid="dict-import"
          >
            {t('dict.import')}
          </Button>
          <Typography.Text type="secondary">{t('dict.pasteHint')}</Typography.Text>
        </Space>
        {errors.length > 0 && <LineErrors errors={errors} />}
      </div>
      <PageState
        what={t('settings.loadFailed', { what: t('settings.dictionary') })}
        loading={r.loading && !r.data}
        error={r.error}
        onRetry={r.reload}
      >
        <Space style={{ justifyContent: 'space-between', width: '100%' }} wrap>
          <Typography.Text data-testid="dict-count">{t('dict.count', { count: words.length })}</Typography.Text>
          <Input.Search
            allowClear
            aria-label={t('dict.search')}
            placeholder={t('dict.search')}
            style={{ width: 200 }}
            onChange={(e) => setFilter(e.target.value)}
          />
        </Space>
        <Table<UserWord>
          rowKey="word"
          size="small"
          data-testid="dict-table"
          dataSource={shown}
          pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
          locale={{ emptyText: t('dict.empty') }}
          columns={[
            { title: t('dict.word'), dataIndex: 'word' },
            { title: t('dict.freq'), key: 'freq', render: (_, w) => w.freq ?? '—' },
            { title: t('dict.tag'), key: 'tag', render: (_, w) => w.tag ?? '—' },
            {
              title: t('common.actions'),
              key: 'actions',
              render: (_, w) => (
                <Popconfirm
                  title={t('dict.removeConfirm', { word: w.word })}
                  onConfirm={() => void remove(w.word)}
                  okText={t('dict.remove')}
                  cancelText={t('common.cancel')}
                >
                  <Button size="small" danger data-testid="dict-remove">
                    {t('dict.remove')}
                  </Button>
                </Popconfirm>
              ),
            },
          ]}
        />
      </PageState>
    </div>
  );
}
