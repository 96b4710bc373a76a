""" "Min side": what each person should do next, contributed by every app.

accounts knows people, not the programme's work, so each app registers a
*next-steps source* in its ``AppConfig.ready()``: a function ``(user, now) ->
list[NextStep]`` that answers for the roles it knows (register for the
workshops, finish the challenge, score the jury's challenges, support a
municipality...). The dashboard shows them soonest deadline first.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

_sources: list[Callable[..., list]] = []


@dataclass(frozen=True)
class NextStep:
    """One thing a person should do, with where to do it and by when."""

    role: str
    text: str
    url: str
    due: datetime | None = None
    details: list[str] = field(default_factory=list)
    done: bool = False


def register_next_steps(source: Callable[..., list]) -> None:
    if source not in _sources:
        _sources.append(source)


def next_steps_for(user, now) -> list[NextStep]:
    """Every registered app's next steps for ``user``: open ones first, soonest deadline first."""
    steps = [step for source in _sources for step in source(user, now)]
    never = datetime.max.replace(tzinfo=now.tzinfo)
    return sorted(steps, key=lambda step: (step.done, step.due or never, step.text))
