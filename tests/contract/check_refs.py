#!/usr/bin/env python3
"""Every `$ref` of an OpenAPI document resolves (standard library only).

Walks the JSON document, resolves each local `$ref` as a JSON pointer (RFC 6901, with the
percent-encoding of URI fragments) and lists every one that does not resolve, with where it is.
A reference to another file or URL counts as dangling: the document must stand alone.

Usage: check_refs.py openapi/openapi.json   (exit 1 when a reference dangles)
"""

import json
import sys
import urllib.parse


def walk(node, where):
    """Yields (location, ref) for every `$ref` string under node.

    Example values are data, not document: a "$ref" key inside one is not a reference. An
    `examples` map (of Example objects, which may themselves be references) is walked, but not
    their `value`s; a schema's `examples` list is not walked.
    """
    in_properties = bool(where) and where[-1] == "properties"
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str):
            yield where, ref
        for key, value in node.items():
            if not in_properties:
                if key == "example" or (key == "value" and len(where) >= 2 and where[-2] == "examples"):
                    continue
                if key == "examples" and isinstance(value, list):
                    continue
            yield from walk(value, where + [key])
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from walk(value, where + [str(index)])


def resolve(document, ref):
    """Returns True when the local reference `ref` points at something in document."""
    if not ref.startswith("#"):
        return False
    fragment = urllib.parse.unquote(ref[1:])
    if fragment == "":
        return True
    if not fragment.startswith("/"):
        return False
    node = document
    for token in fragment[1:].split("/"):
        token = token.replace("~1", "/").replace("~0", "~")
        if isinstance(node, dict) and token in node:
            node = node[token]
        elif isinstance(node, list) and token.isdigit() and int(token) < len(node):
            node = node[int(token)]
        else:
            return False
    return True


def pointer(where):
    return "#/" + "/".join(part.replace("~", "~0").replace("/", "~1") for part in where)


def main():
    if len(sys.argv) != 2:
        print(__doc__.strip().splitlines()[-1], file=sys.stderr)
        return 2
    path = sys.argv[1]
    with open(path, encoding="utf-8") as handle:
        document = json.load(handle)
    refs = list(walk(document, []))
    dangling = [(where, ref) for where, ref in refs if not resolve(document, ref)]
    for where, ref in dangling:
        print(f"dangling $ref {ref!r} at {pointer(where)}")
    targets = sorted({ref for _, ref in dangling})
    status = "FAILED" if dangling else "ok"
    print(
        f"$ref check {status}: {len(refs)} references, {len(dangling)} dangling"
        + (f" ({len(targets)} distinct: {', '.join(targets)})" if dangling else "")
    )
    return 1 if dangling else 0


if __name__ == "__main__":
    sys.exit(main())
