// The components table of a scraped page (scripts/ingest/scraped/components.ts), on flattened text.
import { describe, expect, it } from 'vitest';
import type { Anomaly } from '../../worker/catalog/schema.ts';
import { parseComponentsTable } from '../../scripts/ingest/scraped/components.ts';

const kinds = (anomalies: Anomaly[]) => anomalies.map((a) => a.kind).sort();

describe('components table on flattened text', () => {
  it('reads component tables, counts glued to numbered names and form files', () => {
    const anomalies: Anomaly[] = [];
    const cases = parseComponentsTable(
      '--Tên giấy tờMẫu đơn, tờ khaiSố lượngĐơn đề nghị theo Mẫu số 18Mau 01.docx0 bản chính,1 bản sao' +
        '2. Bản sao giấy phép (01 bản sao có chứng thực)1 bản chính' +
        'Trường hợp ủy quyền:Tên giấy tờMẫu đơn, tờ khaiSố lượngGiấy ủy quyền2 bản sao',
      '9.999999',
      anomalies,
    );
    expect(anomalies).toEqual([]);
    expect(cases).toEqual([
      {
        name: '',
        components: [
          { name: 'Đơn đề nghị theo Mẫu số 18', originals: 0, copies: 1, required: null, forms: [{ name: 'Mau 01.docx', url: null }] },
          { name: '2. Bản sao giấy phép (01 bản sao có chứng thực)', originals: 1, copies: 0, required: null, forms: [] },
        ],
      },
      {
        name: 'Trường hợp ủy quyền:',
        components: [{ name: 'Giấy ủy quyền', originals: 0, copies: 2, required: null, forms: [] }],
      },
    ]);
  });

  it('gives digits glued before the count back to the name', () => {
    const anomalies: Anomaly[] = [];
    const cases = parseComponentsTable(
      'Tên giấy tờMẫu đơn, tờ khaiSố lượngĐơn theo Mẫu số 181 bản chính,1 bản sao' +
        'Quyết định ngày 25/6/20240 bản chính,2 bản sao- Tờ khai hải quan: 02 bản chính. Tại ô chứng từ1 bản chính',
      '9.999999',
      anomalies,
    );
    expect(cases[0]?.components.map((c) => [c.name, c.originals, c.copies])).toEqual([
      ['Đơn theo Mẫu số 18', 1, 1],
      ['Quyết định ngày 25/6/2024', 0, 2],
      ['- Tờ khai hải quan: 02 bản chính. Tại ô chứng từ', 1, 0],
    ]);
  });

  it('keeps a trailing heading without table as a case and reports it', () => {
    const anomalies: Anomaly[] = [];
    const cases = parseComponentsTable(
      'Tên giấy tờMẫu đơn, tờ khaiSố lượngTờ khai1 bản chínhTrường hợp nộp trực tuyến thì hồ sơ là thông tin kê khai.',
      '9.999999',
      anomalies,
    );
    expect(cases[1]).toEqual({ name: 'Trường hợp nộp trực tuyến thì hồ sơ là thông tin kê khai.', components: [] });
    expect(kinds(anomalies)).toEqual(['component-count-missing']);
  });

});
