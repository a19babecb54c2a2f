/**
 * The toast stack: fixed in a corner (out of the layout, so no shift), announced politely to
 * screen readers; errors are announced at once.
 */
import { useEffect } from 'react';
import { dismissToast, TOAST_MS, useToastStore, type Toast } from './toast-store';
import './toast.css';

function ToastItem({ toast }: { toast: Toast }) {
  useEffect(() => {
    const timer = setTimeout(() => dismissToast(toast.id), TOAST_MS);
    return () => clearTimeout(timer);
  }, [toast.id]);
  return (
    <li className={`toast toast-${toast.tone}`} data-testid="toast" data-tone={toast.tone}>
      <div className="toast-text">
        <strong>{toast.title}</strong>
        {toast.body && <span>{toast.body}</span>}
      </div>
      <button
        type="button"
        className="toast-close"
        aria-label={`Dismiss: ${toast.title}`}
        onClick={() => dismissToast(toast.id)}
      >
        ×
      </button>
    </li>
  );
}

export function Toaster() {
  const toasts = useToastStore((s) => s.toasts);
  const errors = toasts.filter((t) => t.tone === 'error');
  const others = toasts.filter((t) => t.tone !== 'error');
  return (
    <div className="toaster">
      {/* The live regions are divs: a list may not take the alert or status role. */}
      <div role="alert" aria-live="assertive">
        <ul className="toast-list">
          {errors.map((t) => (
            <ToastItem key={t.id} toast={t} />
          ))}
        </ul>
      </div>
      <div role="status" aria-live="polite">
        <ul className="toast-list">
          {others.map((t) => (
            <ToastItem key={t.id} toast={t} />
          ))}
        </ul>
      </div>
    </div>
  );
}
