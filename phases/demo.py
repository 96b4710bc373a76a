"""Demo data: the finished 2020–2021 round as it really ran, and a live round to try.

Every app that has demo data keeps a ``demo.py`` with some of:

- ``seed(round, *, stdout)``: its data of the finished 2020–2021 round;
- ``clear_live(round)``: delete its data of the live round (called in reverse
  INSTALLED_APPS order before the live round is rebuilt);
- ``seed_live(round, *, phase, stdout)``: its data of the live round as it
  stands when the clock is in ``phase`` (1–5).

``manage.py seed_demo`` calls them in INSTALLED_APPS order. Each must be idempotent.
The live round's timeline is built here, by ``build_live_round(today, phase)``.
"""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone

from phases.models import Deadline, Phase, Round

OSLO = ZoneInfo("Europe/Oslo")


def oslo(year, month, day, hour=0, minute=0):
    return datetime(year, month, day, hour, minute, tzinfo=OSLO)


PHASES = [
    dict(
        number=1,
        name_nb="Utfordring – kompetansedelen",
        name_en="Challenge – competence part",
        description_nb="Åpent og gratis for alle kommuner. Tre digitale workshoper i november "
        "2020; "
        "opptak og presentasjoner deles etterpå. Kommunene sender inn konkrete utfordringer.",
        description_en="Open and free for every municipality. Three digital workshops in November "
        "2020; recordings and presentations are shared afterwards. Municipalities submit "
        "concrete challenges.",
        starts_at=oslo(2020, 10, 1),
        ends_at=oslo(2021, 1, 1),
        workshop_registration_open=True,
        accepts_applications=True,
    ),
    dict(
        number=2,
        name_nb="Utforskning",
        name_en="Exploration",
        description_nb="Juryen velger ut tre kommuner 12. januar 2021. Felles workshop med "
        "fylkeskommunene, behovsbeskrivelse og aktørkartlegging med designmetodikk, og et løp "
        "for innbyggerinvolvering.",
        description_en="The jury selects three municipalities on 12 January 2021. A joint "
        "workshop with the county councils, a needs description and an actor mapping made "
        "with design methods, and a citizen-involvement track.",
        starts_at=oslo(2021, 1, 1),
        ends_at=oslo(2021, 4, 1),
        jury_scoring_open=True,
        partners_can_follow=True,
    ),
    dict(
        number=3,
        name_nb="Utvikling",
        name_en="Development",
        description_nb="Kommunene lanserer en innovasjonskonkurranse med DOGA, Nordic Edge og "
        "fylkeskommunen. Lokale og eksterne næringslivsaktører inviteres til designsprinter.",
        description_en="The municipalities launch an innovation competition with DOGA, Nordic "
        "Edge and their county council. Local and external businesses are invited to design "
        "sprints.",
        starts_at=oslo(2021, 4, 1),
        ends_at=oslo(2021, 7, 1),
        accepts_proposals=True,
        partners_can_follow=True,
    ),
    dict(
        number=4,
        name_nb="Videreutvikling og implementering",
        name_en="Further development and implementation",
        description_nb="De to beste løsningene i hver kommune får 150 000 kr hver til "
        "videreutvikling. Den beste løsningen kåres og inviteres til dialog med kommunen.",
        description_en="The two best solutions in each municipality get NOK 150,000 each for "
        "further development. The best solution is named and invited to a dialogue with the "
        "municipality.",
        starts_at=oslo(2021, 8, 1),
        ends_at=oslo(2021, 10, 1),
        partners_can_follow=True,
    ),
    dict(
        number=5,
        name_nb="Spredning og skalering",
        name_en="Spread and scale",
        description_nb="Vinnerne offentliggjøres på Nordic Edge Expo. Erfaringsutveksling med "
        "følgekommuner og følgeforskning.",
        description_en="The winners are announced at Nordic Edge Expo. Experience exchange with "
        "follower municipalities and follow-up research.",
        starts_at=oslo(2021, 10, 1),
        ends_at=oslo(2022, 1, 1),
        partners_can_follow=True,
    ),
]

DEADLINES = [
    (
        Deadline.Key.WORKSHOP_REGISTRATION,
        "Påmelding til kompetansedelen",
        "Registration for the competence part",
        oslo(2020, 10, 30, 23, 59),
    ),
    (
        Deadline.Key.CHALLENGE_SUBMISSION,
        "Innsending av utfordringer (innovasjonsdelen)",
        "Challenge submission (innovation part)",
        oslo(2020, 12, 11, 23, 59),
    ),
    (Deadline.Key.JURY_MEETING, "Jurymøte", "Jury meeting", oslo(2021, 1, 12, 10, 0)),
]


def seed_round() -> Round:
    round, _created = Round.objects.update_or_create(
        slug="2020-2021",
        defaults={
            "name": "Gnist 2020–2021",
            "intro_nb": "Innovasjonsprogram for smarte og bærekraftige byer og lokalsamfunn. "
            "Programmet tar utgangspunkt i konkrete utfordringer knyttet til steds- og "
            "næringsutvikling, og kombinerer samskaping, designmetodikk og ny teknologi.",
            "intro_en": "Innovation programme for smart and sustainable towns and local "
            "communities. It starts from concrete place- and business-development challenges "
            "and combines co-creation, design methods and new technology.",
            "contact_name": "DOGA – Design og arkitektur Norge",
            "contact_email": "gnist@doga.no",
            "is_published": True,
        },
    )
    for values in PHASES:
        Phase.objects.update_or_create(round=round, number=values["number"], defaults=values)
    for key, name_nb, name_en, at in DEADLINES:
        Deadline.objects.update_or_create(
            round=round, key=key, defaults={"name_nb": name_nb, "name_en": name_en, "at": at}
        )
    return round


# The live round: dates relative to the day the seed runs ----------------------------------

LIVE_SLUG = "demo"

# Days each phase lasts, and how many days into it "today" falls when the clock is put
# in that phase (far enough from both ends that a whole day of trying stays inside it).
LIVE_PHASE_DAYS = {1: 56, 2: 70, 3: 70, 4: 56, 5: 70}
LIVE_TODAY_AT_DAY = {1: 24, 2: 10, 3: 20, 4: 20, 5: 20}


def oslo_day(day: date, days: int = 0, hour: int = 0, minute: int = 0) -> datetime:
    """``days`` after ``day`` at ``hour:minute`` Oslo time (right across daylight saving)."""
    return datetime.combine(day + timedelta(days=days), time(hour, minute), tzinfo=OSLO)


def live_phase_starts(today: date, phase: int) -> dict[int, date]:
    """The first day of each phase of the live round, so that ``today`` falls in ``phase``."""
    start = today - timedelta(days=LIVE_TODAY_AT_DAY[phase])
    for number in range(phase - 1, 0, -1):
        start -= timedelta(days=LIVE_PHASE_DAYS[number])
    starts = {}
    for number in range(1, 6):
        starts[number] = start
        start += timedelta(days=LIVE_PHASE_DAYS[number])
    return starts


def live_schedule(round: Round) -> dict[int, date]:
    """The first day (Oslo) of each phase of an existing live round."""
    return {
        phase.number: timezone.localtime(phase.starts_at, OSLO).date()
        for phase in round.phases.all()
    }


def live_moment(round: Round, phase: int, days: int, hour: int = 0, minute: int = 0) -> datetime:
    """``days`` after the start of ``phase`` of the live round, Oslo time."""
    return oslo_day(live_schedule(round)[phase], days, hour, minute)


def live_deadlines(starts: dict[int, date]) -> list[tuple[str, str, str, datetime]]:
    return [
        (
            Deadline.Key.WORKSHOP_REGISTRATION,
            "Påmelding til kompetansedelen",
            "Registration for the competence part",
            oslo_day(starts[1], 35, 23, 59),
        ),
        (
            Deadline.Key.CHALLENGE_SUBMISSION,
            "Innsending av utfordringer (innovasjonsdelen)",
            "Challenge submission (innovation part)",
            oslo_day(starts[1], 49, 23, 59),
        ),
        (Deadline.Key.JURY_MEETING, "Jurymøte", "Jury meeting", oslo_day(starts[2], 21, 10)),
        (
            Deadline.Key.SELECTION_ANNOUNCED,
            "Utvalgte kommuner kunngjøres",
            "Selected municipalities announced",
            oslo_day(starts[2], 23, 12),
        ),
        (
            Deadline.Key.PROPOSAL_SUBMISSION,
            "Frist for løsningsforslag",
            "Deadline for solution proposals",
            oslo_day(starts[3], 56, 23, 59),
        ),
        (
            Deadline.Key.AWARDS_ANNOUNCED,
            "Vinnerne kunngjøres",
            "Winners announced",
            oslo_day(starts[5], 14, 12),
        ),
    ]


def live_round() -> Round | None:
    return Round.objects.filter(slug=LIVE_SLUG).first()


def build_live_round(today: date, phase: int) -> Round:
    """Create or move the live demo round so that ``today`` falls inside ``phase`` (1–5).

    Its phases copy the names, texts and capability flags of the 2020–2021 round's
    phases (``PHASES``) with dates relative to ``today``; its deadlines follow:
    workshop registration and challenge submission close late in phase 1, the jury
    scores from the submission deadline to the jury meeting three weeks into
    phase 2, proposals close eight weeks into phase 3. Only the timeline: each
    app's ``seed_live`` puts in the round's people and work for that phase.
    """
    if phase not in LIVE_PHASE_DAYS:
        raise ValueError(f"phase must be 1–5, not {phase!r}")
    starts = live_phase_starts(today, phase)
    year = starts[1].year
    round, _created = Round.objects.update_or_create(
        slug=LIVE_SLUG,
        defaults={
            "name": f"Gnist {year}–{year + 1}",
            "intro_nb": "Neste runde av innovasjonsprogrammet for smarte og bærekraftige byer og "
            "lokalsamfunn. Kommunene melder seg på kompetansedelen og sender inn sine "
            "utfordringer; juryen velger ut tre som går videre til innovasjonsdelen.",
            "intro_en": "The next round of the innovation programme for smart and sustainable "
            "towns and local communities. Municipalities join the competence part and "
            "submit their challenges; the jury selects three for the innovation part.",
            "contact_name": "DOGA – Design og arkitektur Norge",
            "contact_email": "gnist@doga.no",
            "is_published": True,
        },
    )
    for values in PHASES:
        number = values["number"]
        texts = {key: value for key, value in values.items() if key not in ("starts_at", "ends_at")}
        texts["description_nb"] = LIVE_DESCRIPTIONS[number][0]
        texts["description_en"] = LIVE_DESCRIPTIONS[number][1]
        ends = starts[number] + timedelta(days=LIVE_PHASE_DAYS[number])
        Phase.objects.update_or_create(
            round=round,
            number=number,
            defaults={
                **texts,
                "starts_at": oslo_day(starts[number]),
                "ends_at": oslo_day(ends),
            },
        )
    for key, name_nb, name_en, at in live_deadlines(starts):
        Deadline.objects.update_or_create(
            round=round, key=key, defaults={"name_nb": name_nb, "name_en": name_en, "at": at}
        )
    return round


# The 2020–2021 texts name that round's months; the live round's say what happens.
LIVE_DESCRIPTIONS = {
    1: (
        "Åpent og gratis for alle kommuner. Tre digitale workshoper; opptak og presentasjoner "
        "deles etterpå. Kommunene sender inn konkrete utfordringer før fristen.",
        "Open and free for every municipality. Three digital workshops; recordings and "
        "presentations are shared afterwards. Municipalities submit concrete challenges "
        "before the deadline.",
    ),
    2: (
        "Juryen vurderer utfordringene og velger ut tre kommuner. Felles workshop med "
        "fylkeskommunene, behovsbeskrivelse og aktørkartlegging med designmetodikk.",
        "The jury scores the challenges and selects three municipalities. A joint workshop "
        "with the county councils, a needs description and an actor mapping made with "
        "design methods.",
    ),
    **{
        number: (PHASES[number - 1]["description_nb"], PHASES[number - 1]["description_en"])
        for number in (3, 4, 5)
    },
}
