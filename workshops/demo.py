"""Demo workshops for the 2020–2021 round: the three digital phase-1 workshops of
November 2020, their registrations, recordings and handouts, and the joint
workshop of phase 2 (see phases/demo.py)."""

from django.core.files.base import ContentFile

from accounts.models import Department, User
from gnist.pdf import render_pdf
from municipalities.models import Municipality
from phases.demo import oslo
from workshops.models import Material, Registration, Workshop

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

    Workshop.objects.update_or_create(
        round=round,
        title_nb=JOINT_WORKSHOP["title_nb"],
        defaults={**JOINT_WORKSHOP, "phase": round.phases.get(number=2)},
    )
    stdout.write(
        f"Workshops: {len(workshops)} phase-1 workshops with {len(ATTENDEES)} attendees "
        "and their recordings and handouts, and the joint workshop of phase 2."
    )
