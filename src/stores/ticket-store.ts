/**
 * The order ticket's shared inputs: a price picked elsewhere (a click on a book level or a trade)
 * and the persisted "skip confirmation" preference. The book and tape write, the ticket reads.
 */
import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';

export interface PickedPrice {
  symbol: string;
  /** Price units of the instrument. */
  price: number;
  /** Increments on every pick, so picking the same price twice still reaches the ticket. */
  nonce: number;
}

export interface TicketState {
  picked: PickedPrice | null;
  skipConfirm: boolean;
  pickPrice(symbol: string, price: number): void;
  setSkipConfirm(skip: boolean): void;
}

export const useTicketStore = create<TicketState>()(
  persist(
    (set) => ({
      picked: null,
      skipConfirm: false,
      pickPrice: (symbol, price) =>
        set((state) => ({ picked: { symbol, price, nonce: (state.picked?.nonce ?? 0) + 1 } })),
      setSkipConfirm: (skipConfirm) => set({ skipConfirm }),
    }),
    {
      name: 'quotedeck:ticket',
      version: 1,
      storage: createJSONStorage(() => localStorage),
      partialize: ({ skipConfirm }) => ({ skipConfirm }),
      // Stored data is input: only a boolean is taken.
      merge: (persisted, current) => {
        const saved = typeof persisted === 'object' && persisted !== null ? persisted : {};
        const skip = 'skipConfirm' in saved ? saved.skipConfirm : undefined;
        return { ...current, ...(typeof skip === 'boolean' ? { skipConfirm: skip } : {}) };
      },
    },
  ),
);

/** Sets the ticket's price (from a book level or a trade). */
export function pickTicketPrice(symbol: string, price: number): void {
  useTicketStore.getState().pickPrice(symbol, price);
}
