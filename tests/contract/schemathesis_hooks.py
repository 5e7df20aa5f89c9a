"""Schemathesis hooks for scripts/schemathesis.sh (loaded through SCHEMATHESIS_HOOKS).

Random bodies for POST /api/v1/requests almost never name a citizen, topic and practice that
exist together, so the request is refused and the stateful phase has nothing to follow the
document's links from (create_request → detail, messages, reminders, take, transfer). Besides
the generated bodies, this offers valid ones built on the demo data: Mario Bianchi's pension
and an old-age topic, ids found at start (SCHEMATHESIS_CITIZEN_ID, SCHEMATHESIS_TOPIC_ID), with
a generated text and notes. The generated bodies still come as often as before.
"""

import os

import schemathesis
from hypothesis import strategies as st


def _valid_requests():
    citizen = os.environ.get("SCHEMATHESIS_CITIZEN_ID")
    topic = os.environ.get("SCHEMATHESIS_TOPIC_ID")
    if not citizen or not topic:
        return None
    text = st.text(st.characters(min_codepoint=32, max_codepoint=0x17F), min_size=1, max_size=200)
    return st.fixed_dictionaries(
        {
            "kind": st.just("citizen"),
            "citizen_id": st.just(int(citizen)),
            "delega_declared": st.just(True),
            "motive": st.just("benefit_in_progress_or_rejected"),
            "practice": st.just({"kind": "pension", "number": "12345678"}),
            "topic_id": st.just(int(topic)),
            "text": text.filter(lambda value: value.strip() != ""),
        },
        optional={"notes": text},
    )


@schemathesis.hook("before_generate_body").apply_to(method="POST", path="/api/v1/requests")
def demo_data_requests(context, strategy):
    valid = _valid_requests()
    return strategy if valid is None else st.one_of(strategy, valid)
