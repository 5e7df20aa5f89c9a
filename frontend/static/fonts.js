// Bootstrap Italia injects its @font-face rules from JavaScript; without this call the page
// falls back to a system font. Kept out of index.html so no inline script is needed (CSP).
if (window.bootstrap && typeof window.bootstrap.loadFonts === 'function') {
  window.bootstrap.loadFonts('/bootstrap-italia/fonts');
}
