#!/usr/bin/env python3
"""The scripted walk over HTTP against a running sandbox server (scripts/walk.sh starts one).

operatore1 writes for Mario Bianchi (pension 12345678); the dispatcher gives the request to
funzionario1, who answers; operatore1 follows up twice and is refused the third time. A second
request waits 15 days on the sandbox clock, gets its 1st reminder, and is refused a 2nd until 15
more days pass. operatore3 (another patronato) gets 404 on both.
"""

import json
import sys
import time
import urllib.error
import urllib.request

BASE = sys.argv[1].rstrip("/") + "/api/v1"
STEPS = 0


def call(method, path, token=None, body=None):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(BASE + path, data=data, method=method)
    request.add_header("content-type", "application/json")
    if token:
        request.add_header("authorization", "Bearer " + token)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            text = response.read().decode()
            return response.status, json.loads(text) if text else None
    except urllib.error.HTTPError as error:
        text = error.read().decode()
        return error.code, json.loads(text) if text else None


def step(name, ok, detail=""):
    global STEPS
    STEPS += 1
    print(("ok   " if ok else "FAIL ") + name)
    if not ok:
        print("     " + str(detail)[:800])
        sys.exit(1)


def sign_in(username):
    status, body = call("POST", "/auth/token", body={"username": username, "password": "combipat-demo"})
    step(f"{username} signs in", status == 200, body)
    return body["access_token"]


def wait_until_dispatched(token, request_id):
    # The dispatcher runs every 100 ms in this server; give it a bounded time.
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        _, detail = call("GET", f"/requests/{request_id}", token)
        if detail["status"] == "assigned":
            return detail
        time.sleep(0.1)
    return detail


operator = sign_in("operatore1")
official = sign_in("funzionario1")
outsider = sign_in("operatore3")

_, matches = call("GET", "/citizens?cf=BNCMRA50A01H501U", operator)
mario = next(c for c in matches["items"] if c["surname"] == "BIANCHI")
step("both people with CF BNCMRA50A01H501U are listed", matches["total"] == 2, matches)
_, topics = call("GET", "/topics?q=vecchiaia", operator)
topic = topics["items"][0]["id"]

request = {
    "kind": "citizen", "citizen_id": mario["id"], "delega_declared": True,
    "motive": "benefit_in_progress_or_rejected",
    "practice": {"kind": "pension", "number": "12345678"},
    "topic_id": topic, "text": "Si chiede lo stato della pensione di vecchiaia.",
}
status, first = call("POST", "/requests", operator, request)
step("operatore1 sends a request for Mario Bianchi", status == 201, first)
step("it goes to POMEZIA", first["office"]["code"] == "7013", first["office"])

detail = wait_until_dispatched(official, first["id"])
step("the dispatcher assigns it to funzionario1",
     detail["status"] == "assigned" and detail["assigned_official"]["full_name"] == "Laura Conti", detail)

messages = f"/requests/{first['id']}/messages"
for round_number in (1, 2, 3):
    status, body = call("POST", messages, official, {"text": f"Risposta {round_number}."})
    step(f"funzionario1 answers ({round_number})", status == 201 and body["status"] == "closed", body)
    status, body = call("POST", messages, operator, {"text": f"Ulteriore domanda {round_number}."})
    if round_number < 3:
        step(f"operatore1 follows up ({round_number})", status == 201 and body["status"] == "assigned", body)
    else:
        step("the third follow-up is refused",
             status == 409 and body["code"] == "interaction_limit_reached", body)

status, second = call("POST", "/requests", operator, {**request, "text": "Seconda richiesta."})
step("operatore1 sends a second request", status == 201, second)
reminders = f"/requests/{second['id']}/reminders"
status, body = call("POST", reminders, operator)
step("a reminder on day 0 is too early", status == 409 and body["code"] == "reminder_too_early", body)
status, clock = call("POST", "/sandbox/clock", operator, {"advance_days": 15})
step("the sandbox clock moves 15 days ahead", status == 200 and clock["offset_days"] == 15, clock)
status, body = call("POST", reminders, operator)
step("the 1st reminder is accepted", status == 201 and len(body["reminders"]) == 1, body)
status, body = call("POST", reminders, operator)
step("a 2nd reminder right away is refused with its date",
     status == 409 and body["code"] == "reminder_too_early" and body.get("allowed_from"), body)
call("POST", "/sandbox/clock", operator, {"advance_days": 15})
status, body = call("POST", reminders, operator)
step("the 2nd reminder 15 days later is accepted", status == 201 and len(body["reminders"]) == 2, body)

for request_id in (first["id"], second["id"]):
    status, body = call("GET", f"/requests/{request_id}", outsider)
    step(f"operatore3 gets 404 on request {request_id}",
         status == 404 and body["code"] == "request_not_found", body)

print(f"walk: {STEPS} steps, all ok")
