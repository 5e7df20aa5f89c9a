// Every error response (4xx, 5xx, 4XX/5XX ranges and `default`) is an RFC 9457 problem document:
// its content is `application/problem+json` and nothing else.
const PROBLEM = "application/problem+json";

export default function errorsAreProblems(responses, _options, context) {
  if (!responses || typeof responses !== "object") return [];
  const results = [];
  for (const [status, response] of Object.entries(responses)) {
    if (!/^[45]([0-9]{2}|XX)$|^default$/.test(status)) continue;
    const content = response && response.content;
    const types = content && typeof content === "object" ? Object.keys(content) : [];
    if (!types.includes(PROBLEM)) {
      results.push({
        message: `${status} response has no ${PROBLEM} content` + (types.length ? ` (it has ${types.join(", ")})` : ""),
        path: [...context.path, status],
      });
    }
    for (const other of types.filter((type) => type !== PROBLEM)) {
      results.push({ message: `${status} response also declares ${other}; errors are ${PROBLEM} only`, path: [...context.path, status, "content", other] });
    }
  }
  return results;
}
