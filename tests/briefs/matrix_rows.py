from tests.matrix import Row, expect

TYNSET_READERS = expect(
    404,
    anonymous=302,
    staff=200,
    municipality_user=200,
    colleague_user=200,
    county_user=200,
)
LIST = expect(
    403,
    anonymous=302,
    staff=200,
    municipality_user=200,
    colleague_user=200,
    other_municipality_user=200,
    county_user=200,
    other_county_user=200,
)


def brief_pk(get):
    return [get("tynset_brief_ready").brief_id]


ROWS = [
    Row("briefs:list", expected=LIST),
    Row("briefs:detail", brief_pk, expected=TYNSET_READERS, fixtures=["tynset_brief_ready"]),
    Row(
        "briefs:edit",
        brief_pk,
        expected={**TYNSET_READERS, "county_user": 403},
        fixtures=["tynset_brief_ready"],
    ),
    Row(
        "briefs:version_pdf",
        lambda get: [get("tynset_brief_ready").brief_id, 1],
        expected=TYNSET_READERS,
        fixtures=["tynset_brief_ready"],
    ),
    Row(
        "briefs:staff_open",
        method="post",
        expected=expect(403, anonymous=302, staff=302),
    ),
    Row(
        "briefs:staff_rerender",
        lambda get: [get("tynset_brief_ready").brief_id, 1],
        "post",
        {
            **TYNSET_READERS,
            "staff": 302,
            "municipality_user": 403,
            "colleague_user": 403,
            "county_user": 403,
            "juror_without_mfa": 302,
        },
        fixtures=["tynset_brief_ready"],
    ),
]
