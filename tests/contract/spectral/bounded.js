// Every string, number and array a client sends (request bodies and parameters) is bounded:
// maxLength, maximum (or exclusiveMaximum), maxItems. An enum or a const bounds any type.
import { types, walk } from "./schemaWalk.js";

const COMPOSITE = ["oneOf", "anyOf", "allOf", "$ref", "not"];

export default function bounded(schema, _options, context) {
  const results = [];
  // A parameter's schema: name the parameter (the path ends in parameters, i, schema).
  let where = "(body)";
  if (context.path[context.path.length - 3] === "parameters") {
    let parameter = context.documentInventory.resolved;
    for (const key of context.path.slice(0, -1)) parameter = parameter && parameter[key];
    where = parameter && parameter.name ? `${parameter.in || "parameter"} parameter ${parameter.name}` : "(parameter)";
  }
  walk(schema, [], "", (node, path, label) => {
    if (node.enum !== undefined || node.const !== undefined) return;
    const name = label || where;
    const kinds = types(node);
    if (kinds.length === 0 && !COMPOSITE.some((key) => key in node)) {
      results.push({ message: `${name}: schema has no type, so any value is accepted`, path: [...context.path, ...path] });
    }
    if (kinds.includes("string") && node.maxLength === undefined) {
      results.push({ message: `${name}: string without maxLength`, path: [...context.path, ...path] });
    }
    if ((kinds.includes("integer") || kinds.includes("number")) && node.maximum === undefined && node.exclusiveMaximum === undefined) {
      results.push({ message: `${name}: ${kinds.includes("integer") ? "integer" : "number"} without maximum`, path: [...context.path, ...path] });
    }
    if (kinds.includes("array") && node.maxItems === undefined) {
      results.push({ message: `${name}: array without maxItems`, path: [...context.path, ...path] });
    }
  });
  return results;
}
