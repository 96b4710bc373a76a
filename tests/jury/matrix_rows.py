from jury.models import Conflict, JurySeat
from tests.matrix import STAFF_ONLY, Row, expect

# Jurors of this round and of last year's round each keep their own panel.
JURORS = expect(
    403,
    anonymous=302,
    juror=200,
    conflicted_juror=200,
    last_round_juror=200,
)
# A challenge of a round the juror does not sit on is not theirs to know: 404.
THIS_ROUND = {"last_round_juror": 404}
NOT_RECUSED = expect(403, anonymous=302, juror=200, **THIS_ROUND)
LAST_ROUND = "round=2025-2026"
LAST_ROUND_FIXTURES = ["last_round_juror", "last_round_challenge"]
STAFF_POST = expect(403, anonymous=302, staff=302)
SCORE_POST = {"score_1": "4", "comment": "Godt begrunnet."}


def tynset(get):
    return [get("tynset_challenge").pk]


def utsira(get):
    return [get("utsira_challenge").pk]


def last_round_challenge(get):
    return [get("last_round_challenge").pk]


def last_round_seat(get):
    return [JurySeat.objects.get(user=get("last_round_juror")).pk]


def conflict(get):
    return [Conflict.objects.get(seat__user=get("conflicted_juror")).pk]


ROWS = [
    Row("jury:staff_criteria", ["2026-2027"], expected=STAFF_ONLY),
    Row(
        "jury:staff_criteria",
        ["2026-2027"],
        method="post",
        expected=STAFF_POST,
        data={
            "criteria-TOTAL_FORMS": "0",
            "criteria-INITIAL_FORMS": "0",
            "steps-TOTAL_FORMS": "0",
            "steps-INITIAL_FORMS": "0",
        },
    ),
    Row("jury:home", expected=JURORS),
    Row("jury:conflicts", expected=JURORS),
    Row(
        "jury:conflicts",
        method="post",
        expected=expect(
            403,
            anonymous=302,
            juror=302,
            conflicted_juror=302,
            **THIS_ROUND,
        ),
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
    Row("jury:score", utsira, expected={**JURORS, **THIS_ROUND}, fixtures=["conflicted_juror"]),
    Row(
        "jury:score",
        tynset,
        "post",
        expect(403, anonymous=302, juror=302, **THIS_ROUND),
        data=SCORE_POST,
        fixtures=["conflicted_juror", "juror_declared"],
    ),
    Row(
        "jury:attachment",
        lambda get: [get("tynset_challenge").pk, get("tynset_attachment_for_jury").pk],
        expected=NOT_RECUSED,
        fixtures=["conflicted_juror"],
    ),
    # Last year's round, asked for in the URL: only its own juror's panel, read-only.
    Row(
        "jury:home",
        expected=expect(
            403,
            anonymous=302,
            juror=404,
            conflicted_juror=404,
            last_round_juror=200,
        ),
        fixtures=LAST_ROUND_FIXTURES,
        query=LAST_ROUND,
    ),
    Row(
        "jury:conflicts",
        method="post",
        expected=expect(
            403,
            anonymous=302,
            juror=404,
            conflicted_juror=404,
            last_round_juror=403,
        ),
        data={"confirm": "1"},
        fixtures=LAST_ROUND_FIXTURES,
        query=LAST_ROUND,
    ),
    Row(
        "jury:score",
        last_round_challenge,
        expected=expect(
            403,
            anonymous=302,
            juror=404,
            conflicted_juror=404,
            last_round_juror=200,
        ),
        fixtures=LAST_ROUND_FIXTURES,
    ),
    Row(
        "jury:score",
        last_round_challenge,
        "post",
        expect(
            403,
            anonymous=302,
            juror=404,
            conflicted_juror=404,
            last_round_juror=403,
        ),
        data=SCORE_POST,
        fixtures=LAST_ROUND_FIXTURES,
    ),
    Row("jury:staff_ranking", expected=STAFF_ONLY, fixtures=LAST_ROUND_FIXTURES, query=LAST_ROUND),
    Row("jury:staff_challenge", last_round_challenge, expected=STAFF_ONLY),
    Row("jury:results", expected=STAFF_ONLY),
    Row(
        "jury:results",
        expected=expect(403, anonymous=302, staff=200, juror=200, conflicted_juror=200),
        fixtures=["jurors_see_results"],
    ),
    Row("jury:staff_home", expected=STAFF_ONLY),
    Row("jury:staff_home", method="post", expected=STAFF_POST, data={"quorum": "5"}),
    Row("jury:staff_seats", expected=STAFF_ONLY),
    Row("jury:staff_seats", expected=STAFF_ONLY, fixtures=LAST_ROUND_FIXTURES, query=LAST_ROUND),
    Row(
        "jury:staff_seats",
        method="post",
        expected=STAFF_POST,
        data={"display_name": "Hilde Fagekspert"},
        query=LAST_ROUND,
        fixtures=["last_round"],
    ),
    Row("jury:staff_seat_move", last_round_seat, "post", STAFF_POST, data={"direction": "up"}),
    Row("jury:staff_seat_invite", last_round_seat, "post", STAFF_POST),
    Row("jury:staff_seat_delete", last_round_seat, "post", STAFF_POST),
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
