from jury.models import Conflict
from tests.matrix import STAFF_ONLY, Row, expect

JURORS = expect(403, anonymous=302, juror=200, conflicted_juror=200)
NOT_RECUSED = expect(403, anonymous=302, juror=200)
STAFF_POST = expect(403, anonymous=302, staff=302)
SCORE_POST = {"score_1": "4", "comment": "Godt begrunnet."}


def tynset(get):
    return [get("tynset_challenge").pk]


def utsira(get):
    return [get("utsira_challenge").pk]


def conflict(get):
    return [Conflict.objects.get(seat__user=get("conflicted_juror")).pk]


ROWS = [
    Row("jury:home", expected=JURORS),
    Row("jury:conflicts", expected=JURORS),
    Row(
        "jury:conflicts",
        method="post",
        expected=expect(403, anonymous=302, juror=302, conflicted_juror=302),
        data={"confirm": "1"},
    ),
    Row(
        "jury:conflict_delete",
        conflict,
        "post",
        expect(403, anonymous=302, staff=302, conflicted_juror=302),
        fixtures=["conflicted_juror"],
    ),
    Row("jury:score", tynset, expected=NOT_RECUSED, fixtures=["conflicted_juror"]),
    Row("jury:score", utsira, expected=JURORS, fixtures=["conflicted_juror"]),
    Row(
        "jury:score",
        tynset,
        "post",
        expect(403, anonymous=302, juror=302),
        data=SCORE_POST,
        fixtures=["conflicted_juror", "juror_declared"],
    ),
    Row(
        "jury:attachment",
        lambda get: [get("tynset_challenge").pk, get("tynset_attachment_for_jury").pk],
        expected=NOT_RECUSED,
        fixtures=["conflicted_juror"],
    ),
    Row("jury:results", expected=STAFF_ONLY),
    Row(
        "jury:results",
        expected=expect(
            403, anonymous=302, staff=200, juror=200, conflicted_juror=200, juror_without_mfa=302
        ),
        fixtures=["jurors_see_results"],
    ),
    Row("jury:staff_home", expected=STAFF_ONLY),
    Row("jury:staff_home", method="post", expected=STAFF_POST, data={"quorum": "5"}),
    Row("jury:staff_conflicts", expected=STAFF_ONLY, fixtures=["conflicted_juror"]),
    Row(
        "jury:staff_conflicts",
        method="post",
        expected=STAFF_POST,
        data=lambda get: {
            "seat": get("juror").jury_seats.get().pk,
            "county": get("utsira").county_id,
            "kind": "board",
        },
    ),
    Row("jury:staff_ranking", expected=STAFF_ONLY, fixtures=["tynset_challenge"]),
    Row("jury:staff_challenge", tynset, expected=STAFF_ONLY),
    Row("jury:staff_calibration", expected=STAFF_ONLY, fixtures=["tynset_challenge"]),
    Row("jury:staff_decision", expected=STAFF_ONLY, fixtures=["tynset_challenge"]),
    Row(
        "jury:staff_decision",
        method="post",
        expected=STAFF_POST,
        data=lambda get: {f"select_{get('tynset_challenge').pk}": "on"},
    ),
    Row(
        "jury:staff_publish",
        method="post",
        expected=STAFF_POST,
        data={"confirm": "on"},
        fixtures=["tynset_challenge"],
    ),
    Row("jury:staff_templates", expected=STAFF_ONLY),
    Row("jury:staff_audit", expected=STAFF_ONLY),
    Row("jury:export_csv", expected=STAFF_ONLY, fixtures=["tynset_challenge"]),
    Row("jury:export_xlsx", expected=STAFF_ONLY, fixtures=["tynset_challenge"]),
    Row("jury:report_pdf", expected=STAFF_ONLY, fixtures=["tynset_challenge"]),
]
