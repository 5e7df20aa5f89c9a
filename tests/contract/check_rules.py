#!/usr/bin/env python3
"""The checks of scripts/contract.sh catch what they are meant to catch.

Runs spectral with .spectral.yaml on tests/contract/fixtures/rules-bad.yaml (made to break every
rule of ours) and expects each rule to report it, and on rules-good.yaml (which keeps them all)
and expects nothing; runs tests/contract/check_refs.py on both and expects it to fail on the
dangling $ref of the bad one only.

Usage: check_rules.py PATH-TO-SPECTRAL
"""

import json
import pathlib
import subprocess
import sys
import tempfile

from ruamel.yaml import YAML  # installed with openapi-python-client

ROOT = pathlib.Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "contract" / "fixtures"
EXPECTED = {
    "operation-id-without-http-method",
    "errors-are-problem-json",
    "rate-limit-headers",
    "input-bounded",
    "request-body-closed",
    "summary-short-single-line",
    "operation-description",
    "public-operations-security-empty",
    "info-license-spdx",
    "info-contact",
    "servers-declared",
    "oas3-api-servers",
    "integer-format",
    "status-endpoint",
    "invalid-ref",
}


def lint(spectral, fixture):
    run = subprocess.run(
        [spectral, "lint", str(fixture), "--ruleset", str(ROOT / ".spectral.yaml"), "--format", "json", "--quiet"],
        capture_output=True, text=True, cwd=ROOT,
    )
    try:
        return json.loads(run.stdout or "[]")
    except json.JSONDecodeError:
        sys.exit(f"spectral printed no JSON on {fixture.name}:\n{run.stdout}\n{run.stderr}")


def refs_fail(fixture):
    """Whether check_refs.py fails on the fixture (converted to JSON, which is what it reads)."""
    document = YAML(typ="safe").load(fixture.read_text(encoding="utf-8"))
    with tempfile.NamedTemporaryFile("w", suffix=".json", encoding="utf-8") as handle:
        json.dump(document, handle)
        handle.flush()
        run = subprocess.run([sys.executable, str(ROOT / "tests" / "contract" / "check_refs.py"), handle.name],
                             capture_output=True, text=True)
    return run.returncode != 0


def main():
    spectral = sys.argv[1]
    problems = []
    bad = lint(spectral, FIXTURES / "rules-bad.yaml")
    fired = {result["code"] for result in bad}
    for code in sorted(EXPECTED - fired):
        problems.append(f"rule {code} does not fire on rules-bad.yaml")
    good = lint(spectral, FIXTURES / "rules-good.yaml")
    for result in good:
        where = ".".join(str(p) for p in result["path"])
        problems.append(f"rules-good.yaml: {result['code']} at {where}: {result['message']}")
    if not refs_fail(FIXTURES / "rules-bad.yaml"):
        problems.append("check_refs.py passes rules-bad.yaml, which has a dangling $ref")
    if refs_fail(FIXTURES / "rules-good.yaml"):
        problems.append("check_refs.py fails on rules-good.yaml, whose references all resolve")
    for problem in problems:
        print(problem)
    if problems:
        print(f"spectral rules self-test FAILED: {len(problems)} problems")
        return 1
    print(f"spectral rules self-test ok: {len(EXPECTED)} rules fire on rules-bad.yaml "
          f"({len(bad)} results), none on rules-good.yaml; the $ref check catches the dangling one")
    return 0


if __name__ == "__main__":
    sys.exit(main())
