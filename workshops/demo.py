"""Demo workshops: the three digital phase-1 workshops of November 2020 with their
registrations, recordings and handouts, and the joint workshop of phase 2 with its
attendance; and the live round's workshops as they stand in each phase (see
phases/demo.py)."""

from datetime import timedelta

from django.core.files.base import ContentFile
from django.utils import timezone

from accounts.models import Department, MunicipalityMembership, User
from gnist.pdf import render_pdf
from municipalities.models import Municipality
from phases.demo import live_moment, oslo
from phases.models import Deadline
from workshops.models import Material, Registration, Workshop, selected_municipalities

WORKSHOPS = [
    dict(
        title_nb="Workshop 1: Stedsutvikling og Nasjonalt veikart",
        title_en="Workshop 1: Place development and the national roadmap",
        description_nb="Hvordan bruke Nasjonalt veikart for smarte og bærekraftige byer og "
        "lokalsamfunn i eget steds- og næringsutviklingsarbeid, med eksempler fra kommuner "
        "som har gått foran.",
        description_en="Using the national roadmap for smart and sustainable cities and "
        "communities in place and business development, with examples from municipalities "
        "that led the way.",
        starts_at=oslo(2020, 11, 5, 9),
        ends_at=oslo(2020, 11, 5, 12),
        meeting_url="https://doga.whereby.com/gnist-workshop-1",
        programme=[
            "Velkommen og om Gnist – DOGA og Nordic Edge",
            "Nasjonalt veikart: målbilder og prinsipper",
            "Eksempler fra distriktskommuner",
            "Gruppearbeid: stedets utfordringer",
        ],
    ),
    dict(
        title_nb="Workshop 2: Innbyggerinvolvering og samskaping",
        title_en="Workshop 2: Citizen involvement and co-creation",
        description_nb="Metoder for å involvere innbyggere, næringsliv og ungdom tidlig, og "
        "for å samskape løsninger med dem. Med Loft4 og Distriktssenteret.",
        description_en="Methods for involving citizens, businesses and young people early, "
        "and for co-creating solutions with them. With Loft4 and Distriktssenteret.",
        starts_at=oslo(2020, 11, 12, 9),
        ends_at=oslo(2020, 11, 12, 12),
        meeting_url="https://doga.whereby.com/gnist-workshop-2",
        programme=[
            "Hvorfor involvere innbyggerne?",
            "Verktøy for innbyggerinvolvering",
            "Samskaping med næringslivet",
            "Gruppearbeid: hvem må være med?",
        ],
    ),
    dict(
        title_nb="Workshop 3: Fra utfordring til innovasjonskonkurranse",
        title_en="Workshop 3: From challenge to innovation competition",
        description_nb="Slik formulerer kommunen en konkret utfordring og gjør den om til en "
        "innovasjonskonkurranse. Med LUP og Innovasjon Norge.",
        description_en="How the municipality words a concrete challenge and turns it into an "
        "innovation competition. With LUP and Innovasjon Norge.",
        starts_at=oslo(2020, 11, 19, 9),
        ends_at=oslo(2020, 11, 19, 12),
        meeting_url="https://doga.whereby.com/gnist-workshop-3",
        programme=[
            "Å formulere en god utfordring",
            "Innovasjonskonkurranse som metode",
            "Virkemidler og finansiering",
            "Søknaden til innovasjonsdelen: frist 11. desember",
        ],
    ),
]

JOINT_WORKSHOP = dict(
    title_nb="Felles workshop med fylkeskommunene",
    title_en="Joint workshop with the county councils",
    description_nb="De tre utvalgte kommunene og fylkeskommunene deres starter "
    "utforskningsfasen: behovsbeskrivelse og aktørkartlegging med designmetodikk.",
    description_en="The three selected municipalities and their county councils start the "
    "exploration phase: needs description and actor mapping with design methods.",
    starts_at=oslo(2021, 2, 4, 9),
    ends_at=oslo(2021, 2, 4, 15),
    meeting_url="https://doga.whereby.com/gnist-felles",
    capacity=30,
    audience=Workshop.Audience.SELECTED,
    counts_for_obligation=True,
)

# (municipality number, name, e-mail, department, workshops attended by number)
ATTENDEES = [
    ("3427", "Ingrid Haugen", "ingrid.tynset@gnist.test", Department.PLANNING, [1, 2, 3]),
    ("3427", "Per Moen", "per.tynset@gnist.test", Department.BUSINESS_DEVELOPMENT, [1, 3]),
    ("1151", "Kari Nordvik", "kari.utsira@gnist.test", Department.BUSINESS_DEVELOPMENT, [1, 2]),
    ("1151", "Ola Skare", "ola.utsira@gnist.test", Department.PLANNING, [2, 3]),
    ("1515", "Silje Myklebust", "silje.heroy@gnist.test", Department.PLANNING, [1, 2, 3]),
    ("1818", "Arne Pedersen", "arne.heroy@gnist.test", Department.BUSINESS_DEVELOPMENT, [1]),
    ("3318", "Hanne Bakke", "hanne.krodsherad@gnist.test", Department.OTHER, [2, 3]),
    ("3318", "Jon Sletten", "jon.sletten@krodsherad.kommune.no", Department.PLANNING, [3]),
    ("5001", "Marte Lien", "marte.lien@trondheim.kommune.no", Department.PLANNING, [1]),
]


def seed(round, *, stdout) -> None:
    first_phase = round.phases.get(number=1)
    staff = User.objects.filter(email="staff@gnist.test").first()
    workshops = []
    for values in WORKSHOPS:
        values = dict(values)
        programme = values.pop("programme")
        workshop, _created = Workshop.objects.update_or_create(
            round=round, title_nb=values["title_nb"], defaults={**values, "phase": first_phase}
        )
        workshops.append(workshop)
        Material.objects.update_or_create(
            workshop=workshop,
            title_nb="Opptak av workshopen",
            defaults={
                "kind": Material.Kind.RECORDING,
                "title_en": "Recording of the workshop",
                "url": f"https://vimeo.com/doga/gnist-2020-workshop-{len(workshops)}",
                "published_by": staff,
            },
        )
        if not workshop.materials.filter(kind=Material.Kind.FILE).exists():
            pdf = render_pdf(
                "workshops/pdf/handout.html",
                {"workshop": workshop, "programme": programme},
                language="nb",
            )
            material = Material(
                workshop=workshop,
                kind=Material.Kind.FILE,
                title_nb="Presentasjon og program",
                title_en="Presentation and programme",
                original_name=f"gnist-workshop-{len(workshops)}.pdf",
                content_type="application/pdf",
                size=len(pdf),
                published_by=staff,
            )
            material.file.save(material.original_name, ContentFile(pdf), save=True)

    for number, name, email, department, attended in ATTENDEES:
        municipality = Municipality.objects.get(number=number)
        for index, workshop in enumerate(workshops, start=1):
            Registration.objects.update_or_create(
                workshop=workshop,
                email=email,
                defaults={
                    "municipality": municipality,
                    "full_name": name,
                    "department": department,
                    "status": Registration.Status.CONFIRMED,
                    "attended": index in attended,
                    "created_at": oslo(2020, 10, 20 + index, 10),
                },
            )

    for index, workshop in enumerate(workshops):
        Workshop.objects.filter(pk=workshop.pk).update(created_at=oslo(2020, 10, 2 + index, 10))
        workshop.materials.update(published_at=workshop.ends_at + timedelta(days=1))
        workshop.registrations.filter(attended=True).update(
            attendance_marked_at=workshop.ends_at + timedelta(hours=1)
        )

    joint, _created = Workshop.objects.update_or_create(
        round=round,
        title_nb=JOINT_WORKSHOP["title_nb"],
        defaults={**JOINT_WORKSHOP, "phase": round.phases.get(number=2)},
    )
    Workshop.objects.filter(pk=joint.pk).update(created_at=oslo(2021, 1, 15, 13))
    attendees = register_selected(joint, registered_at=oslo(2021, 1, 20, 10), attended=True)
    stdout.write(
        f"Workshops: {len(workshops)} phase-1 workshops with {len(ATTENDEES)} attendees "
        f"and their recordings and handouts, and the joint workshop of phase 2 with "
        f"{attendees} attendees."
    )


# Who comes to the joint workshop for a county council: (name, e-mail) by county number.
COUNTY_CONTACTS = {
    "11": ("Eirik Sande", "eirik.sande@rogaland.fylke.test"),
    "15": ("Guro Vik", "guro.vik@mrfylke.fylke.test"),
    "18": ("Bente Olsen", "bente.olsen@nordland.fylke.test"),
    "34": ("Marit Fylkesrådgiver", "fylke.innlandet@gnist.test"),
    "40": ("Håkon Lia", "hakon.lia@telemark.fylke.test"),
    "46": ("Knut Fylkesplanlegger", "fylke.vestland@gnist.test"),
    "56": ("Anne Isaksen", "anne.isaksen@finnmark.fylke.test"),
}


def register_selected(workshop, *, registered_at, attended) -> int:
    """Register the selected municipalities' demo people and one person from each of their
    county councils; when ``attended``, all but the last county's person came."""
    municipalities = list(
        selected_municipalities(workshop.round).select_related("county").order_by("number")
    )
    people = []
    for municipality in municipalities:
        for membership in MunicipalityMembership.objects.filter(
            municipality=municipality
        ).select_related("user"):
            user = membership.user
            people.append(
                {
                    "municipality": municipality,
                    "county": None,
                    "email": user.email,
                    "full_name": user.full_name,
                    "department": membership.department,
                }
            )
    counties = list(dict.fromkeys(municipality.county for municipality in municipalities))
    for county in counties:
        name, email = COUNTY_CONTACTS.get(
            county.number, ("Fylkesrådgiver", f"gnist@fylke{county.number}.test")
        )
        people.append(
            {
                "municipality": None,
                "county": county,
                "email": email,
                "full_name": name,
                "department": Department.OTHER,
            }
        )
    for index, person in enumerate(people):
        came = attended and index < len(people) - 1
        Registration.objects.update_or_create(
            workshop=workshop,
            email=person.pop("email"),
            defaults={
                **person,
                "status": Registration.Status.CONFIRMED,
                "attended": came,
                "attendance_marked_at": workshop.ends_at + timedelta(hours=1) if came else None,
                "created_at": registered_at + timedelta(hours=index),
            },
        )
    return sum(1 for index in range(len(people)) if attended and index < len(people) - 1)


# The live round ----------------------------------------------------------------------------

# The live round's phase-1 workshops: days into phase 1 (the seed's "today" is day 24).
LIVE_WORKSHOP_DAYS = [17, 31, 38]
# (municipality number, name, e-mail, department, workshops registered for by number)
LIVE_ATTENDEES = [
    ("5634", "Sindre Hansen", "sindre.vardo@gnist.test", Department.BUSINESS_DEVELOPMENT, [1, 2]),
    ("5634", "Hilde Johansen", "hilde.johansen@vardo.kommune.test", Department.PLANNING, [2, 3]),
    ("4642", "Liv Hauge", "liv.laerdal@gnist.test", Department.PLANNING, [1, 2, 3]),
    ("4026", "Turid Bakken", "turid.tinn@gnist.test", Department.PLANNING, [1, 3]),
    ("3427", "Ingrid Haugen", "ingrid.tynset@gnist.test", Department.PLANNING, [1, 2]),
    ("3427", "Per Moen", "per.tynset@gnist.test", Department.BUSINESS_DEVELOPMENT, [1]),
    ("1848", "Eirik Nilsen", "eirik.steigen@gnist.test", Department.OTHER, [2]),
    ("4618", "Mats Tveit", "mats.ullensvang@gnist.test", Department.BUSINESS_DEVELOPMENT, [1, 3]),
    ("3435", "Ola Kvarberg", "ola.kvarberg@vaga.kommune.test", Department.PLANNING, [1]),
]
# Registered, but did not come: (e-mail, workshop number).
LIVE_NO_SHOWS = {("per.tynset@gnist.test", 1), ("hilde.johansen@vardo.kommune.test", 3)}


def clear_live(round) -> None:
    Workshop.objects.filter(round=round).delete()


def seed_live(round, *, phase, stdout) -> None:
    """The live round's three phase-1 workshops (the first is past in phase 1, the other two
    take registrations) and the joint workshop of phase 2, attended from phase 3 on."""
    first_phase = round.phases.get(number=1)
    staff = User.objects.filter(email="staff@gnist.test").first()
    now = timezone.now()  # the live round's dates are built so that today is in ``phase``
    workshops = []
    for index, (values, day) in enumerate(zip(WORKSHOPS, LIVE_WORKSHOP_DAYS, strict=True), 1):
        values = {key: value for key, value in values.items() if key != "programme"}
        values.update(
            starts_at=live_moment(round, 1, day, 9),
            ends_at=live_moment(round, 1, day, 12),
            meeting_url=f"https://doga.whereby.com/gnist-{round.slug}-{index}",
            phase=first_phase,
        )
        workshop, _created = Workshop.objects.update_or_create(
            round=round, title_nb=values["title_nb"], defaults=values
        )
        Workshop.objects.filter(pk=workshop.pk).update(created_at=live_moment(round, 1, 1, 10))
        workshops.append(workshop)
        if workshop.has_ended_at(now):
            material, _created = Material.objects.update_or_create(
                workshop=workshop,
                title_nb="Opptak av workshopen",
                defaults={
                    "kind": Material.Kind.RECORDING,
                    "title_en": "Recording of the workshop",
                    "url": f"https://vimeo.com/doga/gnist-{round.slug}-workshop-{index}",
                    "published_by": staff,
                },
            )
            Material.objects.filter(pk=material.pk).update(
                published_at=workshop.ends_at + timedelta(days=1)
            )

    for position, (number, name, email, department, numbers) in enumerate(LIVE_ATTENDEES):
        municipality = Municipality.objects.get(number=number)
        for index in numbers:
            workshop = workshops[index - 1]
            came = workshop.has_ended_at(now) and (email, index) not in LIVE_NO_SHOWS
            Registration.objects.update_or_create(
                workshop=workshop,
                email=email,
                defaults={
                    "municipality": municipality,
                    "full_name": name,
                    "department": department,
                    "status": Registration.Status.CONFIRMED,
                    "attended": came,
                    "attendance_marked_at": workshop.ends_at + timedelta(hours=1) if came else None,
                    "created_at": live_moment(round, 1, 4 + position, 8 + index, 10 * index),
                },
            )

    joint = dict(JOINT_WORKSHOP)
    joint.update(
        starts_at=live_moment(round, 2, 35, 9),
        ends_at=live_moment(round, 2, 35, 15),
        meeting_url=f"https://doga.whereby.com/gnist-{round.slug}-felles",
        phase=round.phases.get(number=2),
    )
    workshop, _created = Workshop.objects.update_or_create(
        round=round, title_nb=joint["title_nb"], defaults=joint
    )
    Workshop.objects.filter(pk=workshop.pk).update(created_at=live_moment(round, 1, 1, 11))
    attendees = 0
    if phase >= 3:
        announced = round.deadline_at(Deadline.Key.SELECTION_ANNOUNCED)
        attendees = register_selected(
            workshop, registered_at=announced + timedelta(days=2), attended=True
        )
    stdout.write(
        f"Workshops: {len(workshops)} phase-1 workshops and the joint workshop of phase 2 "
        f"({attendees} attended) for {round.name}."
    )
