// Every integer schema says its width: format int32 or int64. Walks the unresolved document, so
// each schema is reported once, where it is written.
const SKIP = new Set(["example", "examples", "default", "const", "enum", "x-examples"]);

export default function integerFormat(document) {
  const results = [];
  const visit = (node, path) => {
    if (Array.isArray(node)) {
      node.forEach((item, i) => visit(item, [...path, i]));
      return;
    }
    if (!node || typeof node !== "object") return;
    const type = node.type;
    const isInteger = type === "integer" || (Array.isArray(type) && type.includes("integer"));
    if (isInteger && node.format !== "int32" && node.format !== "int64") {
      results.push({
        message: `integer without format int32/int64${node.format ? ` (format: ${node.format})` : ""}`,
        path,
      });
    }
    for (const [key, value] of Object.entries(node)) {
      if (SKIP.has(key) && path[path.length - 1] !== "properties") continue;
      visit(value, [...path, key]);
    }
  };
  visit(document, []);
  return results;
}
