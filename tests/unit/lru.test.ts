import { describe, expect, it } from 'vitest';
import { Lru, readCacheSize } from '../../worker/lib/lru';

describe('Lru', () => {
  it('drops the least recently used entry past its capacity; a read counts as use', () => {
    const lru = new Lru<string, number>(2);
    lru.set('a', 1);
    lru.set('b', 2);
    expect(lru.get('a')).toBe(1);
    lru.set('c', 3);
    expect(lru.get('b')).toBeUndefined();
    expect(lru.get('a')).toBe(1);
    expect(lru.get('c')).toBe(3);
    expect(lru.size).toBe(2);
  });

  it('keeps nothing with capacity 0', () => {
    const lru = new Lru<string, number>(0);
    lru.set('a', 1);
    expect(lru.get('a')).toBeUndefined();
    expect(lru.size).toBe(0);
  });

  it('reads its size from configuration, falling back on anything but a non-negative integer', () => {
    expect(readCacheSize('0', 500)).toBe(0);
    expect(readCacheSize('1000', 500)).toBe(1000);
    for (const bad of [undefined, '', '-1', '2.5', 'lots']) expect(readCacheSize(bad, 500)).toBe(500);
  });
});
