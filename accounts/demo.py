"""Demo people and organisations for the 2020–2021 round and the live round (see phases/demo.py).

Every demo person is created by ``seed`` (and printed with their role); the
live round's project leaders by ``seed_live``. Jury seats are the jury's
(jury/demo.py).
"""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from allauth.account.models import EmailAddress

from accounts.models import (
    CountyMembership,
    Department,
    MunicipalityMembership,
    Organisation,
    OrganisationMembership,
    ProjectLeader,
    User,
)
from municipalities.models import County, Municipality

OSLO = ZoneInfo("Europe/Oslo")

DEMO_PASSWORD = "gnist-demo-2020"

# Partners and their roles, from the programme page (shared/seed).
ORGANISATIONS = [
    ("DOGA – Design og arkitektur Norge", "DOGA", Organisation.Kind.PROGRAMME, "", ""),
    ("Nordic Edge", "Nordic Edge", Organisation.Kind.PROGRAMME, "", ""),
    (
        "Innovasjon Norge",
        "Innovasjon Norge",
        Organisation.Kind.PARTNER,
        "Kompetanse og identifisering av virkemidler. Synlighet og internasjonalisering. "
        "Mobilisering av næringslivsaktører.",
        "Competence and identifying funding schemes. Visibility and internationalisation. "
        "Mobilising businesses.",
    ),
    (
        "Nasjonalt program for leverandørutvikling",
        "LUP",
        Organisation.Kind.PARTNER,
        "Hjelp til utvalgte kommuner ved formulering av utlysning med henblikk på økt "
        "realiseringspotensial. Kompetanse og støtte underveis i prosessen.",
        "Helps the selected municipalities word their calls for a better chance of realisation. "
        "Competence and support along the way.",
    ),
    (
        "Distriktssenteret",
        "Distriktssenteret",
        Organisation.Kind.PARTNER,
        "Kommunikasjon ut til distriktskommuner. Kompetanse og støtte underveis i prosessen. "
        "Involvering av og innspill fra ungdommer.",
        "Communication to rural municipalities. Competence and support along the way. "
        "Involving young people and their input.",
    ),
    (
        "Siva",
        "Siva",
        Organisation.Kind.PARTNER,
        "Mobilisering av relevante næringslivsaktører (næringshager og inkubatorer). Ressurser i "
        "form av innovasjonskompetanse og prosjektledelse.",
        "Mobilising relevant businesses (business gardens and incubators). Innovation "
        "competence and project management.",
    ),
    (
        "KS",
        "KS",
        Organisation.Kind.PARTNER,
        "Kommunikasjon ut til kommuner. Kompetanse og støtte underveis i prosessen.",
        "Communication to municipalities. Competence and support along the way.",
    ),
    (
        "Loft4",
        "Loft4",
        Organisation.Kind.PARTNER,
        "Utvikle løp for innbyggerinvolvering. Kompetanse og støtte underveis i prosessen.",
        "Designs the citizen-involvement track. Competence and support along the way.",
    ),
    ("Growlab", "Growlab", Organisation.Kind.PARTNER, "", ""),
    ("Forskningsrådet", "Forskningsrådet", Organisation.Kind.OTHER, "", ""),
    ("Nordlys Design AS", "Nordlys Design", Organisation.Kind.BUSINESS, "", ""),
]

# The jury of 12 January 2021 as published on the programme page: jury1…jury7@gnist.test.
JURY = [
    ("Distriktssenteret", "Mona Handeland"),
    ("Innovasjon Norge", "Sølve Fauskevåg"),
    ("KS", "Anne Romsaas"),
    ("Forskningsrådet", "Tina Rebecca Hov-Gylthe"),
    ("Siva", "Randi Torvik"),
    ("LUP", "Elisabeth Smith"),
    ("DOGA", "Siri Holmboe Høibo"),
]

# (e-mail, full name, municipality number, department, project leader?)
MUNICIPALITY_PEOPLE = [
    ("kari.utsira@gnist.test", "Kari Nordvik", "1151", Department.BUSINESS_DEVELOPMENT, True),
    ("ola.utsira@gnist.test", "Ola Skare", "1151", Department.PLANNING, False),
    ("ingrid.tynset@gnist.test", "Ingrid Haugen", "3427", Department.PLANNING, True),
    ("per.tynset@gnist.test", "Per Moen", "3427", Department.BUSINESS_DEVELOPMENT, False),
    ("silje.heroy@gnist.test", "Silje Myklebust", "1515", Department.PLANNING, True),
    ("arne.heroy@gnist.test", "Arne Pedersen", "1818", Department.BUSINESS_DEVELOPMENT, True),
    ("hanne.krodsherad@gnist.test", "Hanne Bakke", "3318", Department.OTHER, True),
]


# The live round's jury (jury/demo.py seats them): three of 2020–2021's jurors stay on,
# two are new. (e-mail, name, organisation short name)
LIVE_JURY = [
    ("jury7@gnist.test", "Siri Holmboe Høibo", "DOGA"),
    ("jury1@gnist.test", "Mona Handeland", "Distriktssenteret"),
    ("jury2@gnist.test", "Sølve Fauskevåg", "Innovasjon Norge"),
    ("jury8@gnist.test", "Ragnhild Aas", "KS"),
    ("jury9@gnist.test", "Tor Eide", "Siva"),
]
LIVE_JURY_NOTES = {
    "jury7@gnist.test": "has scored every challenge",
    "jury1@gnist.test": "halfway: some drafts, some submitted",
    "jury2@gnist.test": "has scored every challenge",
    "jury8@gnist.test": "lives in Rjukan: recused from Tinn",
    "jury9@gnist.test": "new: declares ties, then scores from scratch",
}

# The live round's people: (e-mail, full name, municipality number, department,
# leads the municipality's challenge in the live round?)
LIVE_MUNICIPALITY_PEOPLE = [
    ("sindre.vardo@gnist.test", "Sindre Hansen", "5634", Department.BUSINESS_DEVELOPMENT, True),
    ("liv.laerdal@gnist.test", "Liv Hauge", "4642", Department.PLANNING, True),
    ("turid.tinn@gnist.test", "Turid Bakken", "4026", Department.PLANNING, True),
    ("mats.ullensvang@gnist.test", "Mats Tveit", "4618", Department.BUSINESS_DEVELOPMENT, True),
    ("eirik.steigen@gnist.test", "Eirik Nilsen", "1848", Department.OTHER, True),
]
# People of 2020–2021 who lead their municipality's challenge in the live round too.
LIVE_RETURNING_LEADERS = [("ingrid.tynset@gnist.test", "3427")]
LIVE_COUNTY_PEOPLE = [("fylke.vestland@gnist.test", "Knut Fylkesplanlegger", "46")]


def demo_user(email, full_name, **extra) -> User:
    user, created = User.objects.get_or_create(
        email=email, defaults={"full_name": full_name, **extra}
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    EmailAddress.objects.update_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    return user


def seed(round, *, stdout) -> None:
    organisations = {}
    for order, (name, short, kind, role_nb, role_en) in enumerate(ORGANISATIONS):
        organisations[short], _ = Organisation.objects.update_or_create(
            name=name,
            defaults={
                "short_name": short,
                "kind": kind,
                "role_nb": role_nb,
                "role_en": role_en,
                "order": order,
            },
        )

    staff = demo_user("staff@gnist.test", "Siri Programleder", is_staff=True)
    OrganisationMembership.objects.get_or_create(user=staff, organisation=organisations["DOGA"])
    people = [("staff@gnist.test", "programme staff (DOGA)")]

    for order, (short, name) in enumerate(JURY, start=1):
        juror = demo_user(f"jury{order}@gnist.test", name)
        people.append((juror.email, f"juror 2020–2021, {short}"))

    for email, name, number, department, leads in MUNICIPALITY_PEOPLE:
        user = demo_user(email, name)
        municipality = Municipality.objects.get(number=number)
        MunicipalityMembership.objects.update_or_create(
            user=user, municipality=municipality, defaults={"department": department}
        )
        if leads:
            ProjectLeader.objects.update_or_create(
                round=round, municipality=municipality, defaults={"user": user}
            )
        people.append((email, f"{municipality}{', project leader 2020–2021' if leads else ''}"))
    ProjectLeader.objects.filter(round=round).update(
        appointed_at=datetime(2020, 10, 5, 10, tzinfo=OSLO)
    )

    county_user = demo_user("fylke.innlandet@gnist.test", "Marit Fylkesrådgiver")
    CountyMembership.objects.get_or_create(user=county_user, county=County.objects.get(number="34"))
    people.append((county_user.email, "Innlandet fylkeskommune"))

    business = demo_user("bedrift@gnist.test", "Jonas Designer")
    OrganisationMembership.objects.get_or_create(
        user=business, organisation=organisations["Nordlys Design"]
    )
    people.append((business.email, "business member, Nordlys Design AS"))

    partner = demo_user("partner@gnist.test", "Lise Rådgiver")
    OrganisationMembership.objects.get_or_create(
        user=partner, organisation=organisations["Innovasjon Norge"]
    )
    people.append((partner.email, "partner member, Innovasjon Norge"))

    citizen = demo_user("innbygger@gnist.test", "Eva Innbygger")
    people.append((citizen.email, "citizen"))

    live = []
    for email, name, short in LIVE_JURY:
        demo_user(email, name)
        live.append((email, f"juror, {short}: {LIVE_JURY_NOTES[email]}"))
    for email, name, number, department, _leads in LIVE_MUNICIPALITY_PEOPLE:
        user = demo_user(email, name)
        municipality = Municipality.objects.get(number=number)
        MunicipalityMembership.objects.update_or_create(
            user=user, municipality=municipality, defaults={"department": department}
        )
        live.append((email, f"{municipality}, project leader"))
    live.append(("ingrid.tynset@gnist.test", "Tynset, project leader (a draft in phase 1)"))
    for email in ("kari.utsira@gnist.test", "hanne.krodsherad@gnist.test"):
        municipality = MunicipalityMembership.objects.get(user__email=email).municipality
        live.append((email, f"{municipality}: no challenge yet, start one"))
    for email, name, number in LIVE_COUNTY_PEOPLE:
        user = demo_user(email, name)
        county = County.objects.get(number=number)
        CountyMembership.objects.get_or_create(user=user, county=county)
        live.append((email, county.council_name))
    live.append(("fylke.innlandet@gnist.test", "Innlandet fylkeskommune (Tynset, Vågå)"))
    live.append(("staff@gnist.test", "programme staff: record and publish the selection"))

    stdout.write(f"Demo accounts (password for all: {DEMO_PASSWORD}):")
    for email, role in people:
        stdout.write(f"  {email:32} {role}")
    stdout.write("In the live round (manage.py seed_demo --phase 1..5 moves its clock):")
    for email, role in live:
        stdout.write(f"  {email:32} {role}")
    stdout.write("Staff and jurors set up two-factor authentication on their first visit.")


def clear_live(round) -> None:
    ProjectLeader.objects.filter(round=round).delete()


def seed_live(round, *, phase, stdout) -> None:
    """The live round's project leaders; the other municipalities have none yet."""
    leaders = [
        (email, number) for email, _n, number, _d, leads in LIVE_MUNICIPALITY_PEOPLE if leads
    ]
    for email, number in leaders + LIVE_RETURNING_LEADERS:
        ProjectLeader.objects.update_or_create(
            round=round,
            municipality=Municipality.objects.get(number=number),
            defaults={"user": User.objects.get(email=email)},
        )
    # Appointed as the round opened (appointed_at is auto_now). Accounts know no phases
    # module: the round's first phase is read through the round.
    opened = round.phases.get(number=1).starts_at
    ProjectLeader.objects.filter(round=round).update(
        appointed_at=opened + timedelta(days=2, hours=10)
    )
