/** Short-lived messages (fills, rejections) shown by the Toaster; anyone may push one. */
import { create } from 'zustand';

export const TOAST_TONES = ['success', 'error', 'info'] as const;
export type ToastTone = (typeof TOAST_TONES)[number];

export interface Toast {
  id: number;
  tone: ToastTone;
  title: string;
  body: string;
}

export interface ToastState {
  toasts: readonly Toast[];
}

/** At most this many toasts are on screen; older ones make room. */
export const MAX_TOASTS = 4;
/** How long a toast stays, ms. */
export const TOAST_MS = 6_000;

export const useToastStore = create<ToastState>()(() => ({ toasts: [] }));

let nextId = 1;

/** Shows a toast; returns its id. */
export function pushToast(tone: ToastTone, title: string, body = ''): number {
  const id = nextId++;
  useToastStore.setState((state) => ({
    toasts: [...state.toasts, { id, tone, title, body }].slice(-MAX_TOASTS),
  }));
  return id;
}

/** Removes a toast (its close button or its timer). */
export function dismissToast(id: number): void {
  useToastStore.setState((state) => ({ toasts: state.toasts.filter((t) => t.id !== id) }));
}
