"""What each app holds about a person, for the download and for erasure (GDPR).

accounts knows only its own models and the outbox below it. Each app above it
registers, in its ``AppConfig.ready()``, a section of the download and, where it
holds something that must go, an eraser. ``accounts.services`` calls them all.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class PersonalDataSource:
    section: str
    export: Callable[..., Any]
    erase: Callable[..., None] | None = None


_sources: dict[str, PersonalDataSource] = {}


def register_personal_data(
    section: str, export: Callable[..., Any], erase: Callable[..., None] | None = None
) -> None:
    """Add an app's section: ``export(user)`` returns plain data for the download;
    ``erase(user, *, old_email, placeholder)`` removes what must go. Idempotent."""
    _sources[section] = PersonalDataSource(section, export, erase)


def sources() -> list[PersonalDataSource]:
    return list(_sources.values())
