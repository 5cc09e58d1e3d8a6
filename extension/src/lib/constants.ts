/** The port the companion listens on unless started with `--port`. */
export const DEFAULT_COMPANION_PORT = 47821;

/** How the popup and the dashboard tab are reached from inside the extension. */
export const DASHBOARD_PATH = '/dashboard.html';
