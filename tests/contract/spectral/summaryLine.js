// A summary is one short line (at most 80 characters): generators turn it into a docstring's
// first line or a method comment. The rest belongs in the description.
const MAX = 80;

export default function summaryLine(operation, _options, context) {
  const summary = operation && operation.summary;
  const path = [...context.path, "summary"];
  if (typeof summary !== "string" || summary.trim() === "") return [{ message: "operation has no summary", path: context.path }];
  const results = [];
  if (/[\r\n]/.test(summary)) results.push({ message: `summary spans ${summary.split(/\r\n|\r|\n/).length} lines; keep one line, move the rest to the description`, path });
  if ([...summary].length > MAX) results.push({ message: `summary is ${[...summary].length} characters (at most ${MAX})`, path });
  return results;
}
