"""Helpers for the permission matrix (tests/test_permissions_matrix.py).

Each app lists its pages in ``tests/<app>/matrix_rows.py`` as ``ROWS``; the
matrix collects them all. A row is ``Row(url_name, args, method, expected)``:
``args`` is a list, or a function taking ``get`` (pytest's getfixturevalue)
and returning the list, so rows can point at objects made by fixtures.
``query`` is appended to the URL (``round=2025-2026`` asks for last year's round).
Personas come from two rounds: ``last_round_juror`` sat only on last year's jury.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

PERSONAS = [
    "anonymous",
    "staff",
    "municipality_user",
    "colleague_user",
    "other_municipality_user",
    "county_user",
    "other_county_user",
    "juror",
    "juror_without_mfa",
    "business_user",
    "partner_user",
    "citizen",
    "conflicted_juror",
    "last_round_juror",
    "staff_without_mfa",
]

# Staff and jurors without TOTP hold their role but may use none of it.
WITHOUT_MFA = ("juror_without_mfa", "staff_without_mfa")


def expect(default: int = 403, **statuses: int) -> dict[str, int]:
    """Expected status per persona: ``default`` for each one not named.

    A persona of ``WITHOUT_MFA`` not named gets what a citizen gets, except
    that a refusal (403, 404) becomes 302 to TOTP set-up.
    """
    unknown = set(statuses) - set(PERSONAS)
    assert not unknown, f"unknown personas: {unknown}"
    expected = {persona: statuses.get(persona, default) for persona in PERSONAS}
    as_citizen = 302 if expected["citizen"] in (403, 404) else expected["citizen"]
    for persona in WITHOUT_MFA:
        expected[persona] = statuses.get(persona, as_citizen)
    return expected


PUBLIC = expect(200)
SIGNED_IN = expect(200, anonymous=302)
STAFF_ONLY = expect(403, anonymous=302, staff=200)


@dataclass
class Row:
    url_name: str
    args: list | Callable = field(default_factory=list)
    method: str = "get"
    expected: dict[str, int] = field(default_factory=lambda: PUBLIC)
    data: dict | Callable | None = None
    fixtures: list[str] = field(default_factory=list)
    query: str = ""

    @property
    def id(self) -> str:
        return f"{self.url_name}-{self.method}" + (f"-{self.query}" if self.query else "")
