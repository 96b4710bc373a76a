"""What a round allows now, and why not: the phase-level half of every capability.

Each phase capability flag (``workshop_registration_open``,
``accepts_applications``, ``jury_scoring_open``, ``accepts_proposals``,
``partners_can_follow``) says in which phases the thing it names belongs. A
capability is open from the start of the first phase with the flag until the
end of the last one; an app narrows or moves that window with its own dates
(a deadline, a municipality's extension, the jury's scoring window) by passing
``opens_at`` and ``closes_at``. A round without any phase carrying the flag
never opens it.

Apps compose these into their own capability (``workshops``:
registration; ``applications``: challenge submission; ``jury``: scoring), and
pages that refuse an action show ``reason``.
"""

from dataclasses import dataclass
from datetime import datetime

from django.utils import formats, timezone
from django.utils.translation import gettext as _

from phases.models import Deadline, Phase, Round


@dataclass(frozen=True)
class Capability:
    """Whether something is open now, and if not, a translated sentence saying why."""

    is_open: bool
    reason: str = ""

    def __bool__(self) -> bool:
        return self.is_open


OPEN = Capability(True)


def closed(reason: str) -> Capability:
    return Capability(False, reason)


def format_moment(moment: datetime) -> str:
    """``11. desember 2020 kl. 12:00`` (Norwegian time), in the active language."""
    local = timezone.localtime(moment)
    return _("%(date)s at %(time)s") % {
        "date": formats.date_format(local, "DATE_FORMAT"),
        "time": formats.time_format(local, "H:i"),
    }


def window_closed_on(moment: datetime) -> Capability:
    return closed(_("The window closed on %(moment)s.") % {"moment": format_moment(moment)})


def window_opens_on(moment: datetime) -> Capability:
    return closed(_("The window opens on %(moment)s.") % {"moment": format_moment(moment)})


def _flagged(round: Round, flag: str) -> list[Phase]:
    # Reads the prefetched phases when a page prefetched them.
    return sorted(
        (phase for phase in round.phases.all() if getattr(phase, flag)),
        key=lambda phase: phase.starts_at,
    )


def phase_window(
    round: Round,
    flag: str,
    moment: datetime,
    *,
    opens_at: datetime | None = None,
    closes_at: datetime | None = None,
) -> Capability:
    """Open when a phase of ``round`` carries ``flag`` and ``moment`` lies in the window.

    The window runs from ``opens_at`` (else the first flagged phase's start) up
    to, not including, ``closes_at`` (else the last flagged phase's end).
    """
    phases = _flagged(round, flag)
    if not phases:
        return closed(_("This is not open in any phase of %(round)s.") % {"round": round})
    opens_at = opens_at or phases[0].starts_at
    closes_at = closes_at or max(phase.ends_at for phase in phases)
    if moment < opens_at:
        return window_opens_on(opens_at)
    if moment >= closes_at:
        return window_closed_on(closes_at)
    return OPEN


def workshop_registration(round: Round, moment: datetime, *, closes_at=None) -> Capability:
    """Phase part of workshop registration (``workshop_registration_open``)."""
    return phase_window(round, "workshop_registration_open", moment, closes_at=closes_at)


def challenge_submission(round: Round, moment: datetime, *, closes_at=None) -> Capability:
    """Phase part of challenge submission (``accepts_applications``)."""
    return phase_window(round, "accepts_applications", moment, closes_at=closes_at)


def jury_scoring(round: Round, moment: datetime, *, opens_at=None, closes_at=None) -> Capability:
    """Phase part of jury scoring (``jury_scoring_open``)."""
    return phase_window(round, "jury_scoring_open", moment, opens_at=opens_at, closes_at=closes_at)


def proposal_submission(round: Round, moment: datetime) -> Capability:
    """Solution proposals (``accepts_proposals``), closing at the proposal deadline if any.

    For the competitions app to compose with its own rules.
    """
    closes_at = round.deadline_at(Deadline.Key.PROPOSAL_SUBMISSION)
    return phase_window(round, "accepts_proposals", moment, closes_at=closes_at)


def partners_following(round: Round, moment: datetime) -> Capability:
    """Partner members may follow the round's progress while the latest phase lets them."""
    phase = round.latest_phase_at(moment)
    if phase is None:
        return closed(_("%(round)s has not started yet.") % {"round": round})
    if not phase.partners_can_follow:
        return closed(
            _("Partners cannot follow the round during the phase %(phase)s.") % {"phase": phase}
        )
    return OPEN
