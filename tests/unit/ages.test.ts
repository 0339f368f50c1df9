// Ages in questions and procedure names (worker/search/ages.ts).
import { describe, expect, it } from 'vitest';
import { ageOf, ageRangeOf, withinAge } from '../../worker/search/ages';
import { wordsOfText } from '../../worker/search/text';

describe('ages', () => {
  it('reads the age range a name gives', () => {
    expect(ageRangeOf('Cấp thẻ căn cước cho người dưới 14 tuổi')).toEqual({ min: 0, max: 14 });
    expect(ageRangeOf('Cấp thẻ căn cước cho người từ đủ 14 tuổi trở lên')).toEqual({ min: 14, max: Infinity });
    expect(ageRangeOf('Hỗ trợ … cho người cao tuổi từ đủ 70 tuổi đến dưới 75 tuổi')).toEqual({ min: 70, max: 75 });
    expect(ageRangeOf('Trợ cấp … cho người cao tuổi từ đủ 75 tuổi đến 80 tuổi')).toEqual({ min: 75, max: 81 });
    expect(ageRangeOf('Cấp đổi thẻ căn cước')).toBeNull();
  });

  it('reads the age a question gives, with or without diacritics, and not a bound it restates', () => {
    expect(ageOf(wordsOfText('làm căn cước cho con 15 tuổi'))).toBe(15);
    expect(ageOf(wordsOfText('lam cccd cho be 10 tuoi can gi'))).toBe(10);
    expect(ageOf(wordsOfText('làm căn cước cho trẻ dưới 14 tuổi'))).toBeNull();
    expect(ageOf(wordsOfText('làm căn cước cho con'))).toBeNull();
    // "Đủ" says the age was reached; "chưa đủ" that it was not; "từ đủ" restates a bound.
    expect(ageOf(wordsOfText('con em vừa đủ 14 tuổi đi làm căn cước'))).toBe(14);
    expect(ageOf(wordsOfText('chau du 18 tuoi roi'))).toBe(18);
    expect(ageOf(wordsOfText('em chưa đủ 18 tuổi'))).toBe(17);
    // …also with "tuổi" left out, but not a number that counts something else.
    expect(ageOf(wordsOfText('khai bao tam vang cho con chua du 18 thi ai khai'))).toBe(17);
    expect(ageOf(wordsOfText('bé chưa đủ 6 tháng'))).toBeNull();
    expect(ageOf(wordsOfText('nghỉ chưa đủ 15 ngày'))).toBeNull();
    expect(ageOf(wordsOfText('căn cước cho người từ đủ 14 tuổi trở lên'))).toBeNull();
  });

  it('says whether an age is in a range', () => {
    expect(withinAge(15, { min: 14, max: Infinity })).toBe(true);
    expect(withinAge(14, { min: 0, max: 14 })).toBe(false);
  });
});
