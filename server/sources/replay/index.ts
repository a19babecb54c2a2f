export { MAGIC, RecordingError, TailReason, type Tail } from './framing';
export {
  parseRecording,
  readRecording,
  type Recording,
  type RecordingSegment,
} from './read-recording';
export {
  RECORDING_FORMAT,
  type RecordedEvent,
  type RecordedHistory,
  type RecordingHeader,
} from './record-codec';
export { recordSource, type RecordingSource, type RecordOptions } from './record-source';
export type { RecordWriterOptions, RecordWriterStats } from './record-writer';
export {
  createReplaySource,
  type ReplayOptions,
  type ReplaySource,
  type ReplaySpeed,
} from './replay-source';
