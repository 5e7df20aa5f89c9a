// Starts the Yew application. The build id in this script's own query string (?v=…) is reused
// for the JS glue and the wasm module, so a browser never pairs files from two builds.
const version = new URL(import.meta.url).search;
const { default: init } = await import(`/pkg/frontend.js${version}`);
await init({ module_or_path: `/pkg/frontend_bg.wasm${version}` });
