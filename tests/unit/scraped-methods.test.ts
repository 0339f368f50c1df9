// The methods table of a scraped page (scripts/ingest/scraped/methods.ts), on flattened text.
import { describe, expect, it } from 'vitest';
import type { Anomaly } from '../../worker/catalog/schema.ts';
import { parseMethodsTable } from '../../scripts/ingest/scraped/methods.ts';

const kinds = (anomalies: Anomaly[]) => anomalies.map((a) => a.kind).sort();

describe('methods table on flattened text', () => {
  const HEADER = 'Hình thức nộpThời gianPhí, lệ phíMô tả';

  it('reads methods: a number without unit, "Miễn phí", units and descriptions', () => {
    const anomalies: Anomaly[] = [];
    const methods = parseMethodsTable(
      `${HEADER}Trực tiếp1Miễn phíDịch vụ bưu chính2 Giờ10 USD(/lần)Nộp qua bưu điệnTrực tuyến7 Ngày làm việc10,000 Việt Nam Đồng(Lệ phí cấp mới)Nộp trên Cổng`,
      '9.999999',
      anomalies,
    );
    expect(methods).toEqual([
      {
        method: 'direct',
        time: { value: 1, unit: 'other', text: '1' },
        fees: [{ kind: 'unspecified', amount: 0, currency: null, amountVnd: 0, free: true, text: 'Miễn phí' }],
        description: '',
      },
      {
        method: 'postal',
        time: { value: 2, unit: 'hour', text: '2 Giờ' },
        fees: [{ kind: 'unspecified', amount: 10, currency: 'USD', amountVnd: null, free: false, text: '10 USD (/lần)' }],
        description: 'Nộp qua bưu điện',
      },
      {
        method: 'online',
        time: { value: 7, unit: 'working_day', text: '7 Ngày làm việc' },
        fees: [
          { kind: 'le_phi', amount: 10000, currency: 'VND', amountVnd: 10000, free: false, text: '10,000 Việt Nam Đồng (Lệ phí cấp mới)' },
        ],
        description: 'Nộp trên Cổng',
      },
    ]);
    expect(anomalies).toEqual([
      { code: '9.999999', kind: 'time-unit-missing', detail: 'Trực tiếp 1 (a number without unit or description)' },
    ]);
  });

  it('reports an unknown time unit and an unparsed fee', () => {
    const anomalies: Anomaly[] = [];
    const methods = parseMethodsTable(`${HEADER}Trực tiếp3 TuầnMiễn phí`, '9.999999', anomalies);
    expect(methods[0]?.time).toEqual({ value: 3, unit: null, text: '3 Tuần' });
    expect(kinds(anomalies)).toEqual(['time-unit-unknown']);

    const more: Anomaly[] = [];
    const odd = parseMethodsTable(`${HEADER}Trực tiếp2 NgàyPhí : Đồng Không thu lệ phí`, '9.999999', more);
    expect(odd[0]?.fees).toEqual([
      { kind: 'phi', amount: null, currency: null, amountVnd: null, free: false, text: 'Phí : Đồng Không thu lệ phí' },
    ]);
    expect(more.map((a) => a.kind)).toEqual(['fee-unparsed']);
    expect(more[0]?.detail).toContain('Phí : Đồng Không thu lệ phí');
  });

});
