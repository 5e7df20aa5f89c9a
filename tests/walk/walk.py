#!/usr/bin/env python3
"""The scripted walk against a running sandbox server, through the Python client that
openapi-python-client generates from the OpenAPI document (scripts/walk.sh generates it and
starts the server).

operatore1 writes for Mario Bianchi (pension 12345678); the dispatcher gives the request to
funzionario1, who answers; operatore1 follows up twice and is refused the third time. A second
request waits 15 days on the sandbox clock, gets its 1st reminder, and is refused a 2nd until 15
more days pass, then gets an appointment by web meeting (case a) in a slot funzionario1 publishes;
the slot cannot be booked twice and its room is not open yet. operatore3 (another patronato)
gets 404 on the requests and on the appointment.

Every call goes through the generated package: its endpoint functions, its request models (built
from plain dicts, which must survive the model unchanged: a field the model does not know is a
mistake here, not something to drop) and its response models (a response the document does not
describe fails the walk: undeclared statuses raise, and bodies are parsed into the declared
models). Nothing needs raw HTTP. The walk names each operation by method and path, as the document
does, and finds the generated function through the document's tag and operationId, so it does not
depend on what the operations are called.

Usage: walk.py BASE_URL [CLIENT_DIR]
  CLIENT_DIR holds the generated package `scrivi_alla_sede_client` and the `openapi.json` it was
  generated from (default: target/contract/python).
"""

import datetime
import importlib
import json
import pathlib
import re
import sys
import time
import typing

ROOT = pathlib.Path(__file__).resolve().parents[2]
BASE = sys.argv[1].rstrip("/")
CLIENT_DIR = pathlib.Path(sys.argv[2] if len(sys.argv) > 2 else ROOT / "target" / "contract" / "python")
PACKAGE = "scrivi_alla_sede_client"
sys.path.insert(0, str(CLIENT_DIR))

client_module = importlib.import_module(f"{PACKAGE}.client")
errors_module = importlib.import_module(f"{PACKAGE}.errors")
types_module = importlib.import_module(f"{PACKAGE}.types")
DOCUMENT = json.loads((CLIENT_DIR / "openapi.json").read_text(encoding="utf-8"))
STEPS = 0


def snake(name):
    """openapi-python-client's module and package names: snake_case identifiers."""
    name = re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", name)
    return re.sub(r"[^a-zA-Z0-9]+", "_", name).strip("_").lower()


def operation(method, path):
    """The generated endpoint module of the operation METHOD PATH of the document."""
    declared = DOCUMENT["paths"].get(path, {}).get(method.lower())
    if declared is None:
        sys.exit(f"the document has no operation {method} {path}")
    tag = snake(declared["tags"][0]) if declared.get("tags") else "default"
    name = f"{PACKAGE}.api.{tag}.{snake(declared['operationId'])}"
    try:
        return importlib.import_module(name)
    except ModuleNotFoundError:
        sys.exit(f"the generated client has no {name} for {method} {path}: the generator dropped it")


def body(module, fields):
    """The operation's request model, built from fields; it must say back exactly the same."""
    annotation = typing.get_type_hints(module.sync_detailed)["body"]
    candidates = typing.get_args(annotation) or (annotation,)
    model = next(c for c in candidates if hasattr(c, "from_dict"))
    value = model.from_dict(fields)
    sent = value.to_dict()
    if sent != fields:
        sys.exit(f"{model.__name__} does not carry {fields!r} unchanged: it sends {sent!r}")
    return value


def call(method, path, client, path_params=(), fields=None, **query):
    """Calls METHOD PATH through the generated client; returns (status, parsed response model)."""
    module = operation(method, path)
    kwargs = dict(query)
    if fields is not None:
        kwargs["body"] = body(module, fields)
    try:
        response = module.sync_detailed(*path_params, client=client, **kwargs)
    except errors_module.UnexpectedStatus as error:
        sys.exit(f"{method} {path} answered {error.status_code}, a status the document does not declare: "
                 f"{error.content[:300]!r}")
    return int(response.status_code), response.parsed


def anonymous():
    return client_module.Client(base_url=BASE, raise_on_unexpected_status=True, timeout=30)


def signed_in(token):
    return client_module.AuthenticatedClient(base_url=BASE, token=token, raise_on_unexpected_status=True, timeout=30)


def step(name, ok, detail=""):
    global STEPS
    STEPS += 1
    print(("ok   " if ok else "FAIL ") + name)
    if not ok:
        shown = detail.to_dict() if hasattr(detail, "to_dict") else detail
        print("     " + str(shown)[:800])
        sys.exit(1)


def sign_in(username):
    status, tokens = call("POST", "/api/v1/auth/token", anonymous(),
                          fields={"username": username, "password": "combipat-demo"})
    step(f"{username} signs in", status == 200, tokens)
    return signed_in(tokens.access_token)


def wait_until_dispatched(client, request_id):
    # The dispatcher runs every 100 ms in this server; give it a bounded time.
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        _, detail = call("GET", "/api/v1/requests/{id}", client, (request_id,))
        if detail.status == "assigned":
            return detail
        time.sleep(0.1)
    return detail


def given(value):
    """A value the response carries (not absent, not null)."""
    return value is not None and not isinstance(value, types_module.Unset)


operator = sign_in("operatore1")
official = sign_in("funzionario1")
outsider = sign_in("operatore3")

_, matches = call("GET", "/api/v1/citizens", operator, cf="BNCMRA50A01H501U")
mario = next(c for c in matches.items if c.surname == "BIANCHI")
step("both people with CF BNCMRA50A01H501U are listed", matches.total == 2, matches)
_, topics = call("GET", "/api/v1/topics", operator, q="vecchiaia")
topic = topics.items[0].id

request = {
    "kind": "citizen", "citizen_id": mario.id, "delega_declared": True,
    "motive": "benefit_in_progress_or_rejected",
    "practice": {"kind": "pension", "number": "12345678"},
    "topic_id": topic, "text": "Si chiede lo stato della pensione di vecchiaia.",
}
status, first = call("POST", "/api/v1/requests", operator, fields=request)
step("operatore1 sends a request for Mario Bianchi", status == 201, first)
step("it goes to POMEZIA", first.office.code == "7013", first.office)

detail = wait_until_dispatched(official, first.id)
step("the dispatcher assigns it to funzionario1",
     detail.status == "assigned" and given(detail.assigned_official)
     and detail.assigned_official.full_name == "Laura Conti", detail)

messages = "/api/v1/requests/{id}/messages"
for round_number in (1, 2, 3):
    status, answer = call("POST", messages, official, (first.id,), fields={"text": f"Risposta {round_number}."})
    step(f"funzionario1 answers ({round_number})", status == 201 and answer.status == "closed", answer)
    status, answer = call("POST", messages, operator, (first.id,), fields={"text": f"Ulteriore domanda {round_number}."})
    if round_number < 3:
        step(f"operatore1 follows up ({round_number})", status == 201 and answer.status == "assigned", answer)
    else:
        step("the third follow-up is refused",
             status == 409 and answer.code == "interaction_limit_reached", answer)

status, second = call("POST", "/api/v1/requests", operator, fields={**request, "text": "Seconda richiesta."})
step("operatore1 sends a second request", status == 201, second)
reminders = "/api/v1/requests/{id}/reminders"
status, answer = call("POST", reminders, operator, (second.id,))
step("a reminder on day 0 is too early", status == 409 and answer.code == "reminder_too_early", answer)
status, clock = call("POST", "/api/v1/sandbox/clock", operator, fields={"advance_days": 15})
step("the sandbox clock moves 15 days ahead", status == 200 and clock.offset_days == 15, clock)
status, answer = call("POST", reminders, operator, (second.id,))
step("the 1st reminder is accepted", status == 201 and len(answer.reminders) == 1, answer)
status, answer = call("POST", reminders, operator, (second.id,))
step("a 2nd reminder right away is refused with its date",
     status == 409 and answer.code == "reminder_too_early" and given(answer.allowed_from), answer)
call("POST", "/api/v1/sandbox/clock", operator, fields={"advance_days": 15})
status, answer = call("POST", reminders, operator, (second.id,))
step("the 2nd reminder 15 days later is accepted", status == 201 and len(answer.reminders) == 2, answer)

status, eligibility = call("GET", "/api/v1/requests/{id}/appointment-eligibility", operator, (second.id,))
step("the second request, waiting over 15 days, can get an appointment (case a)",
     status == 200 and eligibility.eligible and eligibility.cases[0].case == "a", eligibility)
status, points = call("GET", "/api/v1/offices/{id}/consultation-points", operator, (first.office.id,))
step("POMEZIA has a consultation point", status == 200 and len(points.items) >= 1, points)
_, clock = call("GET", "/api/v1/sandbox/clock", operator)
start = (clock.now + datetime.timedelta(days=3)).replace(hour=9, minute=0, second=0, microsecond=0)
slot_fields = {"point_id": points.items[0].id, "duration_minutes": 30, "channels": ["web_meeting"],
               "starts_at": start.isoformat()}
status, published = call("POST", "/api/v1/slots", official, fields=slot_fields)
step("funzionario1 publishes a slot by web meeting", status == 201 and len(published.created) == 1, published)
booking = {"slot_id": published.created[0].id, "channel": "web_meeting", "request_ids": [second.id]}
status, appointment = call("POST", "/api/v1/appointments", operator, fields=booking)
step("operatore1 books it", status == 201 and appointment.status == "booked", appointment)
status, answer = call("POST", "/api/v1/appointments", operator, fields=booking)
step("the slot cannot be booked twice", status == 409 and answer.code == "slot_taken", answer)
status, answer = call("GET", "/api/v1/appointments/{id}/join", operator, (appointment.id,))
step("the web meeting is not open three days before",
     status == 409 and answer.code == "web_meeting_not_open" and given(answer.opens_at), answer)
status, answer = call("GET", "/api/v1/appointments/{id}", outsider, (appointment.id,))
step("operatore3 gets 404 on the appointment", status == 404 and answer.code == "appointment_not_found", answer)

for request_id in (first.id, second.id):
    status, answer = call("GET", "/api/v1/requests/{id}", outsider, (request_id,))
    step(f"operatore3 gets 404 on request {request_id}",
         status == 404 and answer.code == "request_not_found", answer)

print(f"walk: {STEPS} steps, all ok (through the generated Python client)")
