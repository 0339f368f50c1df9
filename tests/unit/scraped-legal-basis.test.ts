// The legal basis of a scraped page (scripts/ingest/scraped/legal-basis.ts), on flattened text.
import { describe, expect, it } from 'vitest';
import type { Anomaly } from '../../worker/catalog/schema.ts';
import { parseLegalBasis } from '../../scripts/ingest/scraped/legal-basis.ts';

describe('legal basis on flattened text', () => {
  it('splits run-together legal basis rows', () => {
    const anomalies: Anomaly[] = [];
    const rows = parseLegalBasis(
      'Tên văn bản pháp lýMã văn bảnLuật 54/2010/QH12 - Trọng tài thương mại54/2010/QH12Nghị định 63/2011/NĐ-CP - Quy định chi tiết Luật Trọng tài thương mại63/2011/NĐ-CPLuật Các tổ chức tín dụngLuật số 32/2024/QH15',
      '9.999999',
      anomalies,
    );
    expect(rows).toEqual([
      { code: '54/2010/QH12', title: 'Luật 54/2010/QH12 - Trọng tài thương mại' },
      { code: '63/2011/NĐ-CP', title: 'Nghị định 63/2011/NĐ-CP - Quy định chi tiết Luật Trọng tài thương mại' },
      { code: '32/2024/QH15', title: 'Luật Các tổ chức tín dụng' },
    ]);
    expect(anomalies).toEqual([]);
    expect(parseLegalBasis('Không có thông tin', '9.999999', anomalies)).toEqual([]);
  });
});
