/**
 * The capture control's own styles, inside its shadow root: the provider's page CSS cannot
 * reach in (the fixture pages try, with `button { all: unset }` and `!important` rules),
 * and ours cannot leak out. `all: initial` on the host stops inherited properties.
 */
export const CAPTURE_CONTROL_CSS = `
:host { all: initial; }
* { box-sizing: border-box; font-family: system-ui, -apple-system, "Segoe UI", sans-serif; }
.dock { position: fixed; right: 16px; bottom: 16px; z-index: 2147483647; display: flex; flex-direction: column; align-items: flex-end; gap: 8px; color: #0f172a; font-size: 13px; line-height: 1.4; }
.capture-button { background: #0f766e; color: #fff; border: 0; border-radius: 999px; padding: 10px 16px; font-size: 13px; font-weight: 600; cursor: pointer; box-shadow: 0 4px 14px rgba(15, 23, 42, .25); }
.capture-button:disabled { opacity: .6; cursor: progress; }
.panel { width: 380px; max-height: 70vh; overflow: auto; background: #fff; border: 1px solid #cbd5e1; border-radius: 12px; padding: 14px; box-shadow: 0 8px 30px rgba(15, 23, 42, .3); }
.panel h2 { font-size: 14px; margin: 0 0 8px; }
.consent-text { white-space: pre-wrap; background: #f8fafc; border: 1px solid #e2e8f0; border-radius: 8px; padding: 10px; margin: 0 0 10px; font-size: 12px; }
.actions { display: flex; gap: 8px; justify-content: flex-end; }
.actions button { border-radius: 8px; padding: 7px 12px; font-size: 13px; cursor: pointer; border: 1px solid #94a3b8; background: #fff; color: #0f172a; }
.actions button.primary { background: #0f766e; border-color: #0f766e; color: #fff; }
.items { list-style: none; margin: 0; padding: 0; display: flex; flex-direction: column; gap: 8px; }
.item { border-left: 3px solid #cbd5e1; padding-left: 8px; }
.item[data-state="done"][data-status="parsed"] { border-color: #16a34a; }
.item[data-state="failed"], .item[data-status="failed"] { border-color: #dc2626; }
.item[data-status="unrecognized"], .item[data-state="skipped"] { border-color: #d97706; }
.item-label { font-weight: 600; }
.item-file, .muted { color: #475569; font-size: 12px; word-break: break-all; }
.problem { color: #b91c1c; }
.close { float: right; border: 0; background: none; font-size: 16px; cursor: pointer; color: #475569; }
`;
