// Shared walk over a (resolved) JSON schema: calls visit(schema, path, label) on every
// subschema a client may send, and guards against reference cycles.
export function types(schema) {
  if (Array.isArray(schema.type)) return schema.type;
  if (typeof schema.type === "string") return [schema.type];
  if (schema.properties || schema.additionalProperties !== undefined) return ["object"];
  return [];
}

export function walk(schema, path, label, visit, stack = new Set()) {
  if (!schema || typeof schema !== "object" || Array.isArray(schema) || stack.has(schema)) return;
  stack.add(schema);
  visit(schema, path, label);
  for (const [name, sub] of Object.entries(schema.properties || {})) {
    walk(sub, [...path, "properties", name], label ? `${label}.${name}` : name, visit, stack);
  }
  if (schema.additionalProperties && typeof schema.additionalProperties === "object") {
    walk(schema.additionalProperties, [...path, "additionalProperties"], `${label || "(body)"}[*]`, visit, stack);
  }
  if (schema.items && typeof schema.items === "object") {
    walk(schema.items, [...path, "items"], `${label || "(body)"}[]`, visit, stack);
  }
  (schema.prefixItems || []).forEach((sub, i) => walk(sub, [...path, "prefixItems", i], `${label || "(body)"}[${i}]`, visit, stack));
  for (const key of ["oneOf", "anyOf", "allOf"]) {
    (schema[key] || []).forEach((sub, i) => walk(sub, [...path, key, i], label, visit, stack));
  }
  stack.delete(schema);
}
