import { describe, expect, it } from 'vitest';
import {
  parseCpuSeconds,
  parseMachineBusySeconds,
  parseOpenFileLimit,
  parseRssBytes,
  readProcSample,
} from './proc-stats';

const STAT =
  '4242 (node (tsx) x) S 1 4242 4242 0 -1 4194560 12000 0 0 0 250 75 0 0 20 0 11 0 ' +
  '555 1234567 5000 18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 17 1 0 0 0 0 0';

describe('parseCpuSeconds', () => {
  it('adds utime and stime ticks, even when the command name holds ") "', () => {
    expect(parseCpuSeconds(STAT)).toBeCloseTo(3.25);
  });

  it('returns null for malformed text', () => {
    expect(parseCpuSeconds('')).toBeNull();
    expect(parseCpuSeconds('4242 (node) S 1 2')).toBeNull();
    expect(parseCpuSeconds('4242 (node) S 1 2 3 4 5 6 7 8 9 x y')).toBeNull();
  });
});

describe('parseRssBytes', () => {
  it('reads the VmRSS line in kB', () => {
    expect(parseRssBytes('Name:\tnode\nVmRSS:\t  234280 kB\nThreads:\t11\n')).toBe(234280 * 1024);
  });

  it('returns null when the line is missing or malformed', () => {
    expect(parseRssBytes('Name:\tnode\n')).toBeNull();
    expect(parseRssBytes('VmRSS:\tlots kB\n')).toBeNull();
  });
});

describe('readProcSample', () => {
  it('reads this process, and null for a process that does not exist', () => {
    const sample = readProcSample(process.pid);
    if (process.platform === 'linux') {
      expect(sample?.rssBytes).toBeGreaterThan(1024 * 1024);
      expect(sample?.cpuSeconds).toBeGreaterThan(0);
    }
    expect(readProcSample(2 ** 22 + 1)).toBeNull();
  });
});

describe('parseMachineBusySeconds', () => {
  it('counts every state but idle and iowait, over all cores', () => {
    const text = 'cpu  100 5 50 1000 20 3 2 0 0 0\ncpu0 50 2 25 500 10 1 1 0 0 0\n';
    expect(parseMachineBusySeconds(text)).toBeCloseTo(1.6);
  });

  it('returns null for malformed text', () => {
    expect(parseMachineBusySeconds('intr 1 2 3\n')).toBeNull();
    expect(parseMachineBusySeconds('cpu  1 2 x 4 5\n')).toBeNull();
  });
});

describe('parseOpenFileLimit', () => {
  it('reads the soft limit, unlimited as Infinity', () => {
    const text =
      'Limit                     Soft Limit           Hard Limit           Units\n' +
      'Max processes             95535                95535                processes\n' +
      'Max open files            1024                 20000                files\n';
    expect(parseOpenFileLimit(text)).toBe(1024);
    expect(parseOpenFileLimit('Max open files            unlimited   unlimited  files\n')).toBe(
      Infinity,
    );
  });

  it('returns null when the line is missing or malformed', () => {
    expect(parseOpenFileLimit('Max processes  1  1  processes\n')).toBeNull();
    expect(parseOpenFileLimit('Max open files   many   many  files\n')).toBeNull();
  });
});
