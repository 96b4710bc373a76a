"""Demo data for the 2020–2021 round: the programme as it really ran.

Every app that has demo data keeps a ``demo.py`` with ``seed(round, *, stdout)``;
``manage.py seed_demo`` calls them in INSTALLED_APPS order. Each must be idempotent.
"""

from datetime import datetime
from zoneinfo import ZoneInfo

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
