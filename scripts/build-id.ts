/** The build id: names one build of the app (cache buster for persisted data, shown in the UI). */
import { hashBuildInputs } from './build-if-stale';

/** QUOTEDECK_BUILD_ID when set (tests build two versions), else a hash of the build inputs. */
export function buildId(root: string): string {
  return process.env.QUOTEDECK_BUILD_ID ?? hashBuildInputs(root).slice(0, 12);
}
