from tests.matrix import PUBLIC, STAFF_ONLY, Row, expect

ROWS = [
    Row("portal:landing", expected=PUBLIC),
    Row("phases:round_list", expected=PUBLIC),
    Row("portal:round", ["2026-2027"], expected=PUBLIC),
    Row(
        "portal:progress",
        ["2026-2027"],
        expected=expect(403, anonymous=302, staff=200, partner_user=200, juror_without_mfa=403),
        fixtures=["partners_may_follow"],
    ),
    Row("phases:staff_home", expected=STAFF_ONLY),
    Row("phases:staff_round_create", expected=STAFF_ONLY),
    Row("phases:staff_round_edit", ["2026-2027"], expected=STAFF_ONLY),
]
