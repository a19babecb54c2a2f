/**
 * Plain counters the sessions of one gateway bump on their hot path; the metrics route reads
 * them at scrape time, so sending a frame costs additions, not metric-library calls.
 */
export class FeedStats {
  messagesSent = 0;
  bytesSent = 0;
  framesSent = 0;
  /** Times a client entered conflated mode. */
  conflations = 0;
  /** Clients closed with 1013 "too slow". */
  slowCloses = 0;
  /** Client messages refused (undecodable, invalid, wrong frame type, unknown symbol). */
  rejectedMessages = 0;
}
