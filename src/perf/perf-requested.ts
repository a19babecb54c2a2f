/** Whether the page's URL asks for performance figures; tiny on purpose (it is on the critical path). */

/** True when `search` (location.search) holds `perf=1`. */
export function perfRequested(search: string): boolean {
  return new URLSearchParams(search).get('perf') === '1';
}
