/**
 * CPU time and resident memory of another process, read from Linux /proc. Reading /proc costs the
 * measured process nothing, unlike asking it over HTTP while it is saturated.
 */
import { readFileSync } from 'node:fs';

/** /proc reports CPU time in USER_HZ ticks, which the kernel ABI fixes at 100 per second. */
const USER_HZ = 100;

export interface ProcSample {
  /** User plus system CPU time in seconds since the process started. */
  cpuSeconds: number;
  /** Resident set size in bytes. */
  rssBytes: number;
}

/** CPU seconds (utime + stime) from the text of /proc/<pid>/stat; null when malformed. */
export function parseCpuSeconds(statText: string): number | null {
  // The command name (field 2) may hold spaces and parentheses, so count fields after the last ')'.
  const end = statText.lastIndexOf(')');
  if (end < 0) return null;
  const fields = statText
    .slice(end + 1)
    .trim()
    .split(/\s+/);
  // After the name come state (field 3), …, utime (field 14) and stime (field 15).
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  if (!Number.isSafeInteger(utime) || !Number.isSafeInteger(stime)) return null;
  return (utime + stime) / USER_HZ;
}

/** Resident bytes from the text of /proc/<pid>/status (its VmRSS line); null when absent. */
export function parseRssBytes(statusText: string): number | null {
  const match = /^VmRSS:\s+(\d+)\s+kB$/m.exec(statusText);
  return match ? Number(match[1]) * 1024 : null;
}

/** Busy CPU seconds of the whole machine (all cores) from the text of /proc/stat; null when malformed. */
export function parseMachineBusySeconds(statText: string): number | null {
  const line = /^cpu\s+(.+)$/m.exec(statText)?.[1];
  if (line === undefined) return null;
  const ticks = line.trim().split(/\s+/).map(Number);
  if (ticks.length < 5 || !ticks.every(Number.isSafeInteger)) return null;
  // user nice system idle iowait irq softirq steal …: everything but idle and iowait is busy.
  const total = ticks.slice(0, 8).reduce((sum, t) => sum + t, 0);
  return (total - ticks[3]! - ticks[4]!) / USER_HZ;
}

/** Busy CPU seconds of the whole machine so far; null when /proc is unavailable. */
export function readMachineBusySeconds(): number | null {
  try {
    return parseMachineBusySeconds(readFileSync('/proc/stat', 'utf8'));
  } catch {
    return null;
  }
}

/** Reads CPU time and RSS of `pid`; null when the process is gone or /proc is unavailable. */
export function readProcSample(pid: number): ProcSample | null {
  try {
    const cpuSeconds = parseCpuSeconds(readFileSync(`/proc/${pid}/stat`, 'utf8'));
    const rssBytes = parseRssBytes(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return cpuSeconds === null || rssBytes === null ? null : { cpuSeconds, rssBytes };
  } catch {
    return null;
  }
}

/** The soft "Max open files" limit from the text of /proc/<pid>/limits; null when absent. */
export function parseOpenFileLimit(limitsText: string): number | null {
  const match = /^Max open files\s+(\S+)/m.exec(limitsText);
  if (!match) return null;
  if (match[1] === 'unlimited') return Infinity;
  const value = Number(match[1]);
  return Number.isSafeInteger(value) ? value : null;
}

/** This process's soft open-file limit (children inherit it); null when unknown. */
export function readOpenFileLimit(): number | null {
  try {
    return parseOpenFileLimit(readFileSync('/proc/self/limits', 'utf8'));
  } catch {
    return null;
  }
}
