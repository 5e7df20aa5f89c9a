// A public operation says `security: []`, so generated clients send no credentials and readers
// know no token is needed.
export default function publicSecurity(operation, _options, context) {
  if (!operation || typeof operation !== "object") return [];
  const security = operation.security;
  if (Array.isArray(security) && security.length === 0) return [];
  const found = security === undefined ? "it is missing" : `it is ${JSON.stringify(security)}`;
  return [{ message: `public operation must declare security: [] (${found})`, path: context.path }];
}
