"""Text and actors of a realistic Tynset brief, and PDF text extraction."""

import subprocess

CONTENT = {
    "background": "Tynset er et regionsenter i Nord-Østerdalen med 5 600 innbyggere.",
    "current_situation": "Sentrum har tomme lokaler, og få møteplasser for unge.",
    "target_group_needs": "Ungdom: trygge møteplasser. Næringsdrivende: flere kunder i sentrum.",
    "goals": "Et levende sentrum med minst tre nye møteplasser innen 2028.",
    "constraints": "Budsjett på 300 000 kroner; fredede bygg i Bergmannsgata.",
    "success_criteria": "Flere besøkende på kveldstid; økt omsetning i sentrumsbutikkene.",
}

ACTORS = [
    {
        "name": "Tynset kommune",
        "kind": "public",
        "role": "Eier av utfordringen",
        "influence": 3,
        "interest": 3,
        "contact": "post@tynset.kommune.no",
    },
    {
        "name": "Tynset Næringsforening",
        "kind": "business",
        "role": "Lokale bedrifter",
        "influence": 2,
        "interest": 3,
        "contact": "",
    },
    {
        "name": "Høgskolen i Innlandet",
        "kind": "academia",
        "role": "Følgeforskning",
        "influence": 1,
        "interest": 2,
        "contact": "",
    },
    {
        "name": "Ungdomsrådet",
        "kind": "citizens",
        "role": "Brukerstemme",
        "influence": 1,
        "interest": 3,
        "contact": "",
    },
    {
        "name": "Sørøst Idrettslag",
        "kind": "civil_society",
        "role": "Frivillighet",
        "influence": 2,
        "interest": 1,
        "contact": "",
    },
]


def pdf_text(content: bytes) -> str:
    """The PDF's text in reading order, with every run of whitespace as one space."""
    result = subprocess.run(["pdftotext", "-", "-"], input=content, capture_output=True, check=True)
    return " ".join(result.stdout.decode("utf-8").split())
