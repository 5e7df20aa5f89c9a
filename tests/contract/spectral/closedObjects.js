// Request-body objects, nested ones included, refuse unknown members: additionalProperties: false.
import { types, walk } from "./schemaWalk.js";

export default function closedObjects(schema, _options, context) {
  const results = [];
  walk(schema, [], "", (node, path, label) => {
    if (types(node).includes("object") && node.additionalProperties !== false) {
      results.push({ message: `${label || "(body)"}: object without additionalProperties: false`, path: [...context.path, ...path] });
    }
  });
  return results;
}
