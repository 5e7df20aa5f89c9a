// A small TypeScript client of the API written only against the types openapi-typescript
// generates from openapi/openapi.json (scripts/contract.sh writes them to
// target/contract/ts/openapi.d.ts and runs `tsc --noEmit --strict` on this file). It signs in,
// finds a citizen by codice fiscale and lists requests page by page. It is type-checked, not
// run: when the document drops an operation, renames a parameter or changes a response shape,
// this file stops compiling.
import type { paths } from "scrivi-alla-sede-api";

type Method = "get" | "post" | "put" | "patch" | "delete";
type Path = keyof paths;
/** The methods a path declares. */
type MethodOf<P extends Path> = {
  [M in Method]: paths[P][M] extends undefined ? never : M;
}[Method];
type Operation<P extends Path, M extends MethodOf<P>> = NonNullable<paths[P][M]>;

type Json<R> = R extends { content: { "application/json": infer B } } ? B : undefined;
type ProblemJson<R> = R extends { content: { "application/problem+json": infer B } } ? B : never;
type Responses<O> = O extends { responses: infer R } ? R : never;
type SuccessCode = 200 | 201 | 202 | 204;
type ErrorCode = 400 | 401 | 403 | 404 | 405 | 409 | 413 | 415 | 422 | 429 | 500 | 503;
/** The body of the operation's 2xx answer. */
type Success<O> = { [S in keyof Responses<O> & SuccessCode]: Json<Responses<O>[S]> }[keyof Responses<O> & SuccessCode];
/** The problem document of the operation's error answers. */
type Failure<O> = { [S in keyof Responses<O> & ErrorCode]: ProblemJson<Responses<O>[S]> }[keyof Responses<O> & ErrorCode];

type Query<O> = O extends { parameters: { query?: infer Q } } ? Q : never;
type PathParams<O> = O extends { parameters: { path?: infer Q } } ? Q : never;
type Body<O> = O extends { requestBody?: never }
  ? never
  : O extends { requestBody: { content: { "application/json": infer B } } }
  ? B
  : O extends { requestBody?: { content: { "application/json": infer B } } }
    ? B | undefined
    : never;

/** What a call sends, typed by the operation: only the parts it declares can be given. */
type Input<O> = ([Query<O>] extends [never] ? { query?: never } : { query?: Query<O> }) &
  ([PathParams<O>] extends [never] ? { path?: never } : { path: PathParams<O> }) &
  ([Body<O>] extends [never] ? { body?: never } : { body: Body<O> });

export type Outcome<O> =
  | { ok: true; status: number; data: Success<O> }
  | { ok: false; status: number; problem: Failure<O> };

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: unknown,
  ) {
    super(`HTTP ${status}`);
  }
}

export class Client {
  private token: string | undefined;

  constructor(private readonly base: string) {}

  signedInWith(token: string): void {
    this.token = token;
  }

  /** One typed call: the path, method, parameters, body and answer all come from the document. */
  async call<P extends Path, M extends MethodOf<P>>(
    method: M,
    path: P,
    input: Input<Operation<P, M>>,
  ): Promise<Outcome<Operation<P, M>>> {
    const params = (input.path ?? {}) as Record<string, string | number>;
    let url = this.base.replace(/\/$/, "") + String(path).replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(String(params[name])));
    const query = new URLSearchParams();
    for (const [key, value] of Object.entries((input.query ?? {}) as Record<string, unknown>)) {
      if (value !== undefined && value !== null) query.append(key, String(value));
    }
    if (query.toString() !== "") url += `?${query.toString()}`;
    const headers: Record<string, string> = { accept: "application/json, application/problem+json" };
    if (this.token !== undefined) headers.authorization = `Bearer ${this.token}`;
    const init: RequestInit = { method: method.toUpperCase(), headers };
    if (input.body !== undefined) {
      headers["content-type"] = "application/json";
      init.body = JSON.stringify(input.body);
    }
    const response = await fetch(url, init);
    const text = await response.text();
    const parsed: unknown = text === "" ? undefined : JSON.parse(text);
    return response.ok
      ? { ok: true, status: response.status, data: parsed as Success<Operation<P, M>> }
      : { ok: false, status: response.status, problem: parsed as Failure<Operation<P, M>> };
  }
}

function expect<O>(outcome: Outcome<O>): Success<O> {
  if (!outcome.ok) throw new ApiError(outcome.status, outcome.problem);
  return outcome.data;
}

type SignIn = Operation<"/api/v1/auth/token", "post">;
type CitizenSearch = Operation<"/api/v1/citizens", "get">;
type RequestList = Operation<"/api/v1/requests", "get">;
export type RequestFilter = NonNullable<Query<RequestList>>;

/** POST /api/v1/auth/token; the client sends the access token from then on. */
export async function signIn(client: Client, credentials: Body<SignIn>): Promise<Success<SignIn>> {
  const tokens = expect(await client.call("post", "/api/v1/auth/token", { body: credentials }));
  client.signedInWith(tokens.access_token);
  return tokens;
}

/** GET /api/v1/citizens?cf=…: every person with that codice fiscale (omocodia gives several). */
export async function searchCitizen(client: Client, cf: string): Promise<Success<CitizenSearch>> {
  return expect(await client.call("get", "/api/v1/citizens", { query: { cf } }));
}

/** GET /api/v1/requests, following next_cursor until the last page. */
export async function listRequests(client: Client, filter: RequestFilter): Promise<Success<RequestList>["items"]> {
  const all: Success<RequestList>["items"] = [];
  let cursor: string | undefined;
  do {
    const page = expect(await client.call("get", "/api/v1/requests", { query: cursor === undefined ? filter : { ...filter, cursor } }));
    all.push(...page.items);
    cursor = page.next_cursor ?? undefined;
  } while (cursor !== undefined);
  return all;
}

/** The three steps together: an operator signs in, finds Mario Bianchi and lists his requests. */
export async function example(base: string): Promise<string[]> {
  const client = new Client(base);
  const tokens = await signIn(client, { username: "operatore1", password: "combipat-demo" });
  const lines = [`signed in as ${tokens.profile}, token valid ${tokens.expires_in} s`];
  const matches = await searchCitizen(client, "BNCMRA50A01H501U");
  for (const person of matches.items) lines.push(`${person.id}: ${person.surname} ${person.name}`);
  const requests = await listRequests(client, { cf: "BNCMRA50A01H501U", limit: 50 });
  for (const request of requests) lines.push(`${request.protocol} ${request.status} ${request.topic.label}`);
  return lines;
}
