// How much of a question a record speaks of (worker/chat/coverage.ts): the share, weighted by
// rarity, of the question's content words found in the record's text.
import { describe, expect, it } from 'vitest';
import { coverage, vietnameseSyllable } from '../../worker/chat/coverage';
import { wordsOfText } from '../../worker/search/text';
import { procedureRecord } from './procedure-record';

const seal = procedureRecord('2.001403', 'Đăng ký mẫu con dấu mới', {
  levels: ['ministry'],
  executingAgencies: ['Cục Cảnh sát quản lý hành chính về trật tự xã hội'],
  targetGroups: ['Doanh nghiệp'],
  steps: ['Nộp hồ sơ đăng ký mẫu con dấu.'],
  results: ['Giấy chứng nhận đăng ký mẫu con dấu'],
});

const input = (q: string) => ({ readings: [wordsOfText(q)], rarity: (f: string) => (f === 'dang' || f === 'ky' || f === 'ki' ? 0.5 : 3), isQuestionWord: () => false });

describe('coverage of a question by a record', () => {
  it('reads a word typed with diacritics as itself: "máu" is not the record\'s "mẫu"', () => {
    expect(coverage(seal, input('đăng ký mẫu con dấu')).share).toBe(1);
    expect(coverage(seal, input('đăng ký hiến máu')).share).toBeLessThan(0.3);
  });

  it('reads a word typed without diacritics as any of them', () => {
    expect(coverage(seal, input('dang ky mau con dau')).share).toBe(1);
  });

  it('counts a word only in the steps less for the re-rank than one in the name or documents', () => {
    const withSteps = procedureRecord('2.001035', 'Chứng thực giao dịch liên quan đến quyền sử dụng đất', {
      steps: ['Người yêu cầu chứng thực nộp hợp đồng thế chấp tại Ủy ban nhân dân cấp xã.'],
    });
    const c = coverage(withSteps, input('chứng thực hợp đồng thế chấp'));
    expect(c.share).toBe(1);
    expect(c.weighted).toBeLessThan(1);
    expect(coverage(withSteps, input('chứng thực giao dịch')).weighted).toBe(1);
  });

  it('names the words the catalog never uses', () => {
    expect(coverage(seal, { ...input('đăng ký ví momo'), rarity: (f: string) => (f === 'momo' ? 0 : 1) }).unknown).toEqual(['momo']);
  });

  it('does not name a word the index lacks when the record\'s own text has it', () => {
    // "bụi" is in no indexed field (names, documents, results), only in this record's conditions.
    const permit = procedureRecord('1.010727', 'Cấp giấy phép môi trường', { conditions: 'Cơ sở có phát sinh nước thải, bụi, khí thải xả ra môi trường.' });
    const q = { ...input('xưởng có nước thải, bụi thì xin giấy phép môi trường'), rarity: (f: string) => (f === 'bui' ? 0 : 1) };
    expect(coverage(permit, q).unfamiliar).toEqual([]);
    expect(coverage(seal, q).unfamiliar).toEqual(['bui']);
  });

  it('tells a Vietnamese word it never uses (the situation) from a brand or a foreign word', () => {
    const rarity = (f: string) => (f === 'nhoe' || f === 'gym' ? 0 : 1);
    expect(coverage(seal, { ...input('con dấu bị nhòe'), rarity })).toMatchObject({ unknown: [], unfamiliar: ['nhoe'] });
    expect(coverage(seal, { ...input('con dấu phòng gym'), rarity })).toMatchObject({ unknown: ['gym'], unfamiliar: [] });
  });

  it('reads a frame word the catalog never uses ("giùm") as no content', () => {
    const rarity = (f: string) => (f === 'gium' ? 0 : 1);
    const asked = input('nhờ người đăng ký mẫu con dấu giùm');
    expect(coverage(seal, { ...asked, rarity })).toMatchObject({ unfamiliar: ['gium'] });
    expect(coverage(seal, { ...asked, rarity }).share).toBeLessThan(1);
    const framed = coverage(seal, { ...asked, rarity, isFrameWord: (f: string) => f === 'gium' });
    expect(framed.unfamiliar).toEqual([]);
    expect(framed.share).toBeGreaterThan(coverage(seal, { ...asked, rarity }).share);
  });
});

describe('the question’s word pairs a record has', () => {
  it('weighs the pairs of content syllables the catalog uses, not their syllables apart', () => {
    // "con dấu", "dấu mới" are the record's pairs ("Đăng ký mẫu con dấu mới"), "mới đăng" is not.
    expect(coverage(seal, input('đăng ký mẫu con dấu')).pairs).toBe(1);
    const c = coverage(seal, input('con dấu mới đăng ký'));
    expect(c.share).toBe(1);
    expect(c.pairs).toBeGreaterThan(0);
    expect(c.pairs).toBeLessThan(1);
    expect(coverage(seal, input('mới con đăng dấu')).pairs).toBe(0);
  });

  it('leaves out pairs with a question word or a number, and is 1 when no pair is left', () => {
    const framed = { ...input('con dấu gì'), isQuestionWord: (f: string) => f === 'gi' };
    expect(coverage(seal, framed).pairs).toBe(1);
    expect(coverage(seal, input('dấu 2')).pairs).toBe(1);
  });
});

describe('a syllable Vietnamese spelling allows', () => {
  it('is an onset, vowels and a final; not a brand typed as one token', () => {
    for (const w of ['quen', 'nhoe', 'dui', 'nghieng', 'khuya', 'quynh']) expect(vietnameseSyllable(w), w).toBe(true);
    for (const w of ['momo', 'gym', 'yoga', 'karaoke', 'wifi', 'zalo', 'shopee', 'taxi']) expect(vietnameseSyllable(w), w).toBe(false);
  });
});
