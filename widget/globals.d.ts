/** The app's hashed path under the server base, e.g. "widget/app-abc123.js"; defined by scripts/build.ts. */
declare const __PORCHLIGHT_APP__: string;
