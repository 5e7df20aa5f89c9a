// Rate-limited operations (those that declare a 429) tell the client where it stands: their 2xx
// responses declare X-RateLimit-Limit, X-RateLimit-Remaining and X-RateLimit-Reset, and their 429
// and 503 responses declare Retry-After.
const RATE_HEADERS = ["X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset"];

function declares(response, header) {
  const headers = (response && response.headers) || {};
  return Object.keys(headers).some((name) => name.toLowerCase() === header.toLowerCase());
}

export default function rateLimitHeaders(operation, _options, context) {
  const responses = operation && operation.responses;
  if (!responses || typeof responses !== "object" || !("429" in responses)) return [];
  const results = [];
  for (const [status, response] of Object.entries(responses)) {
    if (/^2([0-9]{2}|XX)$/.test(status)) {
      const missing = RATE_HEADERS.filter((header) => !declares(response, header));
      if (missing.length) {
        results.push({ message: `rate-limited operation: ${status} response does not declare ${missing.join(", ")}`, path: [...context.path, "responses", status] });
      }
    }
    if ((status === "429" || status === "503") && !declares(response, "Retry-After")) {
      results.push({ message: `rate-limited operation: ${status} response does not declare Retry-After`, path: [...context.path, "responses", status] });
    }
  }
  return results;
}
