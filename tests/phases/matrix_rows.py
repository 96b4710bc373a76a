from tests.matrix import PUBLIC, STAFF_ONLY, Row

ROWS = [
    Row("phases:landing", expected=PUBLIC),
    Row("phases:round_list", expected=PUBLIC),
    Row("phases:round", ["2026-2027"], expected=PUBLIC),
    Row("phases:staff_home", expected=STAFF_ONLY),
    Row("phases:staff_round_create", expected=STAFF_ONLY),
    Row("phases:staff_round_edit", ["2026-2027"], expected=STAFF_ONLY),
]
