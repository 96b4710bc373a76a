"""Demo needs descriptions for the selected municipalities of the 2020–2021 round, and of
the live round once its selection is published (phase 3 on). Idempotent."""

from datetime import timedelta

from applications.models import Application
from briefs.models import Brief, BriefVersion
from briefs.services import open_brief, save_version
from phases.demo import live_moment, oslo

ACTORS = [
    ("{name} kommune", "public", "Eier av utfordringen og planmyndighet", 3, 3),
    ("{county} fylkeskommune", "public", "Medfinansiering og regional plan", 3, 2),
    ("Næringsforeningen i {name}", "business", "Samler handel og service i sentrum", 2, 3),
    ("Lokale entreprenører", "business", "Mulige leverandører av løsninger", 1, 3),
    ("Høgskole og forskningsmiljø i regionen", "academia", "Følgeforskning og studenter", 1, 2),
    ("Ungdomsrådet", "citizens", "Brukerstemme for de unge", 1, 3),
    ("Idrettslag og frivillige lag", "civil_society", "Drifter møteplasser og arrangementer", 2, 1),
]


def content(application) -> dict:
    name = application.municipality.name
    return {
        "background": (
            f"{name} ble valgt ut i Gnist med utfordringen «{application.title}». "
            f"{application.summary}"
        ),
        "current_situation": application.challenge or "Se utfordringen.",
        "target_group_needs": (
            "Ungdom: trygge, åpne møteplasser på kveldstid.\n"
            "Eldre: korte avstander og universell utforming.\n"
            "Næringslivet: flere besøkende og et tydelig sentrum å samarbeide om."
        ),
        "goals": application.goals or "Et levende sentrum med flere møteplasser.",
        "constraints": "Budsjett på 300 000 kroner (halvparten fra kommunen og fylket), "
        "gjeldende reguleringsplan og kulturminner i sentrum.",
        "success_criteria": "Flere besøkende, nye samarbeid mellom kommune og næringsliv, "
        "og en løsning som kan tas i bruk i andre kommuner.",
    }


def seed(round, *, stdout) -> None:
    count = write_briefs(round, at=oslo(2021, 2, 10, 14))
    stdout.write(f"Needs descriptions: {count} for {round.name}")


def clear_live(round) -> None:
    Brief.objects.filter(round=round).delete()


def seed_live(round, *, phase, stdout) -> None:
    if phase >= 3:
        count = write_briefs(round, at=live_moment(round, 2, 45, 14))
        stdout.write(f"Needs descriptions: {count} for {round.name}")


def write_briefs(round, *, at) -> int:
    """One needs description per selected challenge, its first version saved at ``at``."""
    selected = (
        Application.objects.for_round(round)
        .selected()
        .select_related("municipality__county", "project_leader")
    )
    count = 0
    for application in selected:
        brief = open_brief(application)
        if not brief.versions.exists():
            municipality = application.municipality
            actors = [
                {
                    "name": name.format(name=municipality.name, county=municipality.county.name),
                    "kind": kind,
                    "role": role,
                    "influence": influence,
                    "interest": interest,
                    "contact": "",
                }
                for name, kind, role, influence, interest in ACTORS
            ]
            save_version(
                brief, content=content(application), actors=actors, by=application.project_leader
            )
        count += 1
    Brief.objects.filter(round=round).update(created_at=at - timedelta(days=3))
    BriefVersion.objects.filter(brief__round=round, number=1).update(created_at=at)
    return count
