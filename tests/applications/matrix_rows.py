"""Every page of the applications app × every persona.

Tynset (Innlandet) is the municipality_user's and colleague_user's; Utsira
(Rogaland) is other_municipality_user's. A challenge one may not see is 404.
"""

from django.core.files.uploadedfile import SimpleUploadedFile

from tests.factories import PNG_BYTES
from tests.matrix import PUBLIC, STAFF_ONLY, Row, expect

OWN = ["municipality_user", "colleague_user"]


def own(status, default=404, **others):
    others.setdefault("anonymous", 302)
    return expect(default, **{persona: status for persona in OWN}, **others)


def readable(status, default=404, **others):
    """A page that shows a challenge: 404 to everyone who may not read it, anonymous
    visitors and the recused juror included (no existence oracle)."""
    return own(status, default, anonymous=404, **others)


# A handed-in Tynset challenge: the county, staff and the jury read it, except the juror
# recused from Tynset (``conflicted_juror``). ``juror`` has submitted no review.
HANDED_IN = readable(200, staff=200, county_user=200, juror=200)


def jury_attachment_args(get):
    attachment = get("tynset_attachment_for_jury")
    return [attachment.application_id, attachment.pk]


def pk(fixture):
    return lambda get: [get(fixture).pk]


def attachment_args(get):
    attachment = get("tynset_attachment")
    return [attachment.application_id, attachment.pk]


def png_upload(get):
    get("media_root")
    return {"kind": "other", "file": SimpleUploadedFile("kart.png", PNG_BYTES)}


ROWS = [
    Row(
        "applications:mine",
        expected=expect(
            403,
            anonymous=302,
            municipality_user=200,
            colleague_user=200,
            other_municipality_user=200,
        ),
    ),
    Row("applications:public_list", expected=PUBLIC, fixtures=["selected_application"]),
    Row(
        "applications:start",
        ["3427"],
        method="post",
        expected=expect(403, anonymous=302, municipality_user=302, colleague_user=302),
        fixtures=["challenge_deadline"],
    ),
    Row("applications:detail", pk("tynset_draft"), expected=readable(200, staff=200)),
    Row("applications:detail", pk("tynset_submitted"), expected=HANDED_IN),
    Row(
        "applications:detail",
        pk("tynset_challenge"),
        expected=HANDED_IN,
        fixtures=["conflicted_juror"],
    ),
    Row("applications:detail", pk("selected_application"), expected=PUBLIC),
    Row("applications:edit", pk("tynset_draft"), expected=own(200, staff=403)),
    Row(
        "applications:autosave",
        pk("tynset_draft"),
        method="post",
        data={"base_version": 1, "title": "Ny tittel"},
        expected=own(200, staff=403),
    ),
    Row("applications:submit", pk("tynset_draft"), expected=own(200, staff=403)),
    Row(
        "applications:receipt",
        pk("tynset_submitted"),
        expected=own(200, staff=200, county_user=403, juror=403, conflicted_juror=404),
    ),
    Row(
        "applications:withdraw",
        pk("tynset_submitted"),
        method="post",
        expected=own(302, staff=403, county_user=403, juror=403, conflicted_juror=404),
    ),
    Row(
        "applications:reopen",
        pk("tynset_submitted"),
        method="post",
        expected=own(302, staff=403, county_user=403, juror=403, conflicted_juror=404),
    ),
    Row("applications:pdf", pk("tynset_draft"), expected=readable(200, staff=200)),
    Row(
        "applications:pdf",
        pk("tynset_challenge"),
        expected=HANDED_IN,
        fixtures=["conflicted_juror"],
    ),
    Row("applications:pdf", pk("selected_application"), expected=PUBLIC),
    Row(
        "applications:attachment_upload",
        pk("tynset_draft"),
        method="post",
        data=png_upload,
        expected=own(302, staff=403),
    ),
    Row("applications:attachment_download", attachment_args, expected=own(200, staff=200)),
    Row(
        "applications:attachment_download",
        jury_attachment_args,
        expected={**HANDED_IN, "anonymous": 302},
        fixtures=["conflicted_juror"],
    ),
    Row(
        "applications:attachment_delete",
        attachment_args,
        method="post",
        expected=own(302, staff=403),
    ),
    Row(
        "applications:county_support",
        pk("tynset_submitted"),
        expected=own(403, staff=403, county_user=200, juror=403, conflicted_juror=404),
    ),
    Row(
        "applications:county_dashboard",
        expected=expect(403, anonymous=302, county_user=200, other_county_user=200),
    ),
    Row("applications:staff_list", expected=STAFF_ONLY),
    Row("applications:staff_export_csv", expected=STAFF_ONLY),
    Row("applications:staff_export_xlsx", expected=STAFF_ONLY),
    Row("applications:staff_extensions", expected=STAFF_ONLY),
    Row(
        "applications:staff_start_review",
        method="post",
        expected=expect(403, anonymous=302, staff=302),
    ),
    Row("applications:staff_versions", pk("tynset_submitted"), expected=STAFF_ONLY),
    Row(
        "applications:staff_status",
        pk("tynset_submitted"),
        method="post",
        data={"to": "under_review", "reason": ""},
        expected=expect(403, anonymous=302, staff=302),
    ),
]
