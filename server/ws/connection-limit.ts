/** Open feed connections per client address, so one address cannot take every socket. */

export const DEFAULT_MAX_CONNECTIONS_PER_IP = 64;

export class ConnectionLimit {
  private readonly open = new Map<string, number>();

  /** `max` connections per address; 0 means no limit. */
  constructor(private readonly max: number) {}

  /** Takes a place for `address`; false (nothing taken) when the address is at its limit. */
  acquire(address: string): boolean {
    const count = this.open.get(address) ?? 0;
    if (this.max > 0 && count >= this.max) return false;
    this.open.set(address, count + 1);
    return true;
  }

  /** Gives back a place taken by acquire(). */
  release(address: string): void {
    const count = this.open.get(address) ?? 0;
    if (count <= 1) this.open.delete(address);
    else this.open.set(address, count - 1);
  }

  /** Open connections from `address`. */
  count(address: string): number {
    return this.open.get(address) ?? 0;
  }
}
