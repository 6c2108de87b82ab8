import { describe, expect, it } from 'vitest';
import { healthStatus, initialHealth, recordFailure, recordSuccess, volumeChange } from './health.ts';

const at = (m: number) => new Date(Date.UTC(2026, 0, 1, 0, m));

describe('source health', () => {
  it('keeps last success, last error, items per run and consecutive failures', () => {
    let h = initialHealth();
    h = recordSuccess(h, { at: at(0), items: 12 });
    h = recordFailure(h, { at: at(10), code: 'TF_ERR_FETCH_HTTP', message: 'HTTP 503' });
    h = recordFailure(h, { at: at(20), message: 'timeout' });
    expect(h).toMatchObject({
      runs: 3,
      last_success_at: at(0).toISOString(),
      last_error_at: at(20).toISOString(),
      consecutive_failures: 2,
      items_last_run: 0,
    });
    expect(h.last_error).toEqual({ code: 'TF_ERR_SOURCE', message: 'timeout' });
    expect(healthStatus(h, at(25), 600)).toBe('ok');
    h = recordFailure(h, { at: at(30), message: 'x' });
    expect(healthStatus(h, at(31), 600)).toBe('failing');
    h = recordSuccess(h, { at: at(40), items: 3 });
    expect(h.consecutive_failures).toBe(0);
    expect(healthStatus(h, at(40 + 31), 600)).toBe('stale');
    expect(healthStatus(initialHealth(), at(0), 600)).toBe('never-run');
  });

  it('flags volume change points', () => {
    const base = [10, 12, 9, 11, 10, 13, 8, 10, 11, 10];
    expect(volumeChange(base.slice(0, 5))).toBe('insufficient-data');
    expect(volumeChange([...base, 11, 9, 10])).toBe('normal');
    expect(volumeChange([...base, 0, 0, 0])).toBe('silent');
    expect(volumeChange([...base, 1, 2, 1])).toBe('drop');
    expect(volumeChange([...base, 80, 95, 120])).toBe('surge');
    expect(volumeChange([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0])).toBe('normal');
  });

  it('updates the flag as runs are recorded', () => {
    let h = initialHealth();
    for (let i = 0; i < 10; i++) h = recordSuccess(h, { at: at(i), items: 10 });
    for (let i = 10; i < 13; i++) h = recordSuccess(h, { at: at(i), items: 0 });
    expect(h.volume_flag).toBe('silent');
  });
});
