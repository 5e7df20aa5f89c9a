// An operationId names what the operation does, not its HTTP method (ModI): `show_request`, not
// `get_request`. Splits snake_case, kebab-case, dotted and camelCase ids into words.
const METHODS = new Set(["get", "post", "put", "patch", "delete", "head", "options"]);

export default function operationIdWords(operationId) {
  if (typeof operationId !== "string") return [];
  const words = operationId
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .split(/[^A-Za-z0-9]+/)
    .map((word) => word.toLowerCase())
    .filter(Boolean);
  const found = words.filter((word) => METHODS.has(word));
  return found.length
    ? [{ message: `operationId "${operationId}" contains the HTTP method word "${found.join('", "')}"` }]
    : [];
}
