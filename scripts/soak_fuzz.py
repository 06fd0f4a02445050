#!/usr/bin/env python
"""Bad input (issue 8): hypothesis-generated bodies posted to every form, zero 500s.

Runs tests/test_fuzz_forms.py with FUZZ_EXAMPLES generated bodies per form (200 by default;
`make test` runs 25): random and unknown fields, values up to 20,000 characters, control
characters, raw bytes that are not UTF-8, with and without the CSRF token, signed in where the
form needs it. Each form's test fails on any 500 and unless it posted its full count. On the
PostgreSQL server of SOAK_DATABASE_URL (pytest-django makes its own test database there) and
the Redis database of SOAK_REDIS_URL, as the other proofs.
"""

import os
import re
import subprocess

from benchlib import BASE_DIR, PYTHON, finish, own_services, record

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "200"))
MINIMUM = 2000


def main():
    env = own_services(dict(os.environ), "SOAK", "portal_soak", redis_db=6)
    env["FUZZ_EXAMPLES"] = str(EXAMPLES)
    result = subprocess.run(
        [PYTHON, "-m", "pytest", "tests/test_fuzz_forms.py", "-q", "-p", "no:cacheprovider"],
        cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=1800, check=False,
    )  # fmt: skip
    summary = result.stdout.strip().splitlines()[-1] if result.stdout.strip() else result.stderr
    passed = int(match[1]) if (match := re.search(r"(\d+) passed", summary)) else 0
    failed = result.returncode != 0
    if failed:
        print(result.stdout[-4000:], result.stderr[-2000:])
    print(f"      {summary}")
    record("forms that answered a 500 or fell short of their count", "some" if failed else 0, "0",
           not failed and passed > 0)  # fmt: skip
    total = passed * EXAMPLES
    record(
        f"generated bodies posted, {EXAMPLES} to each of {passed} forms, none answered 500",
        f"{total:,}", f">= {MINIMUM:,}", not failed and total >= MINIMUM,
    )  # fmt: skip
    finish()


if __name__ == "__main__":
    main()
