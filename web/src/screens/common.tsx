import { useState } from 'react';
import { download } from '../api/returns';
import { messageOf } from '../api/errors';

export function Loading({ label }: { label: string }) {
  return (
    <p className="loading" role="status">
      {label}
    </p>
  );
}

/** Every failure the service reports, in its own words; never a blank screen. */
export function ErrorMessage({ error, title }: { error: unknown; title?: string }) {
  return (
    <div className="banner error" role="alert">
      {title && <strong>{title} </strong>}
      {messageOf(error)}
    </div>
  );
}

/** A button that downloads a file from the service, showing the service's message when it cannot. */
export function DownloadButton({ url, filename, children, className }: { url: string; filename: string; children: React.ReactNode; className?: string }) {
  const [state, setState] = useState<{ busy: boolean; error: unknown }>({ busy: false, error: null });
  return (
    <span className="download">
      <button
        type="button"
        className={className ?? 'link'}
        disabled={state.busy}
        onClick={async () => {
          setState({ busy: true, error: null });
          try {
            await download(url, filename);
            setState({ busy: false, error: null });
          } catch (error) {
            setState({ busy: false, error });
          }
        }}
      >
        {state.busy ? 'Downloading…' : children}
      </button>
      {!!state.error && (
        <span role="alert" className="inline-error">
          {messageOf(state.error)}
        </span>
      )}
    </span>
  );
}
