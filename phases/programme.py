"""The five phases of a Gnist round (DOMAIN.md), as a new round without a template gets them.

``months`` is each phase's span in months from the round's start, as the
2020–2021 round ran (October–December, January–April, April–June,
August–September, October–December); staff date them on the round page.
"""

PROGRAMME_PHASES = [
    dict(
        number=1,
        name_nb="Utfordring – kompetansedelen",
        name_en="Challenge – competence part",
        description_nb="Åpent og gratis for alle kommuner. Digitale workshoper; opptak og "
        "presentasjoner deles etterpå. Kommunene sender inn konkrete utfordringer.",
        description_en="Open and free for every municipality. Digital workshops; recordings and "
        "presentations are shared afterwards. Municipalities submit concrete challenges.",
        months=(0, 3),
        workshop_registration_open=True,
        accepts_applications=True,
    ),
    dict(
        number=2,
        name_nb="Utforskning",
        name_en="Exploration",
        description_nb="Juryen velger ut tre kommuner. Felles workshop med fylkeskommunene, "
        "behovsbeskrivelse og aktørkartlegging med designmetodikk, og et løp for "
        "innbyggerinvolvering.",
        description_en="The jury selects three municipalities. A joint workshop with the county "
        "councils, a needs description and an actor mapping made with design methods, and a "
        "citizen-involvement track.",
        months=(3, 6),
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
        months=(6, 9),
        accepts_proposals=True,
        partners_can_follow=True,
    ),
    dict(
        number=4,
        name_nb="Videreutvikling og implementering",
        name_en="Further development and implementation",
        description_nb="De to beste løsningene i hver kommune får midler til videreutvikling. "
        "Den beste løsningen kåres og inviteres til dialog med kommunen.",
        description_en="The two best solutions in each municipality get funding for further "
        "development. The best solution is named and invited to a dialogue with the "
        "municipality.",
        months=(10, 12),
        partners_can_follow=True,
    ),
    dict(
        number=5,
        name_nb="Spredning og skalering",
        name_en="Spread and scale",
        description_nb="Vinnerne offentliggjøres. Erfaringsutveksling med følgekommuner og "
        "følgeforskning.",
        description_en="The winners are announced. Experience exchange with follower "
        "municipalities and follow-up research.",
        months=(12, 15),
        partners_can_follow=True,
    ),
]
