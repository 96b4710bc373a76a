from tests.matrix import PUBLIC, SIGNED_IN, STAFF_ONLY, Row, expect

# Tynset is selected; Innlandet is its county council. Outsiders must not learn
# that a restricted workshop exists (404), anonymous visitors included.
AUDIENCE = expect(
    404,
    staff=200,
    municipality_user=200,
    colleague_user=200,
    county_user=200,
)
TYNSET_MEMBERS = expect(403, anonymous=302, staff=200, municipality_user=200, colleague_user=200)
TYNSET_MEMBERS_POST = expect(
    403, anonymous=302, staff=302, municipality_user=302, colleague_user=302
)
# Another municipality's registration is as unknown as a missing id: 404.
TYNSET_REGISTRATION = expect(
    404, anonymous=302, staff=200, municipality_user=200, colleague_user=200
)
TYNSET_REGISTRATION_POST = expect(
    404, anonymous=302, staff=302, municipality_user=302, colleague_user=302
)
STAFF_POST = expect(403, anonymous=302, staff=302)
ATTENDEE = {"full_name": "Ola Nordmann", "email": "ola@tynset.kommune.no"}
ATTENDEE |= {"department": "planning", "language": "nb"}


def open_pk(get):
    return [get("open_workshop").pk]


def restricted_pk(get):
    return [get("restricted_workshop").pk]


ROWS = [
    Row("workshops:list", expected=PUBLIC),
    Row("workshops:materials", expected=PUBLIC),
    Row(
        "workshops:material_download",
        lambda get: [get("open_workshop").materials.get().pk],
        expected=PUBLIC,
    ),
    Row(
        "workshops:material_download",
        lambda get: [get("restricted_workshop").materials.get().pk],
        expected=expect(404, staff=200, municipality_user=200, colleague_user=200, county_user=200),
    ),
    Row("workshops:detail", open_pk, expected=PUBLIC),
    Row("workshops:detail", restricted_pk, expected=AUDIENCE),
    Row("workshops:calendar", expected=SIGNED_IN),
    Row("workshops:calendar_reset", method="post", expected=expect(302)),
    Row("workshops:calendar_revoke", method="post", expected=expect(302)),
    Row("workshops:ical_public", ["2026-2027"], expected=PUBLIC),
    Row("workshops:ical_private", lambda get: [get("calendar_token").token], expected=PUBLIC),
    Row("workshops:ical_private", ["no-such-token"], expected=expect(404)),
    Row(
        "workshops:obligations",
        fixtures=["restricted_workshop"],
        expected=expect(
            403,
            anonymous=302,
            staff=200,
            municipality_user=200,
            colleague_user=200,
            other_municipality_user=200,
            county_user=200,
            other_county_user=200,
        ),
    ),
    Row(
        "workshops:obligation_detail",
        ["3427"],
        fixtures=["restricted_workshop"],
        expected=expect(
            403,
            anonymous=302,
            staff=200,
            municipality_user=200,
            colleague_user=200,
            county_user=200,
        ),
    ),
    Row(
        "workshops:register_municipality",
        lambda get: [get("open_workshop").pk, "3427"],
        expected=TYNSET_MEMBERS,
    ),
    Row(
        "workshops:register_municipality",
        lambda get: [get("open_workshop").pk, "3427"],
        method="post",
        data=ATTENDEE,
        expected=TYNSET_MEMBERS_POST,
    ),
    Row(
        "workshops:register_municipality",
        lambda get: [get("restricted_workshop").pk, "1151"],
        expected=expect(
            404,
            anonymous=302,
            staff=403,
            municipality_user=403,
            colleague_user=403,
            county_user=403,
        ),
    ),
    Row(
        "workshops:register_county",
        lambda get: [get("restricted_workshop").pk, "34"],
        expected=expect(
            404,
            anonymous=302,
            staff=200,
            municipality_user=403,
            colleague_user=403,
            county_user=200,
        ),
    ),
    Row(
        "workshops:register_county",
        lambda get: [get("open_workshop").pk, "34"],
        expected=expect(403, anonymous=302),
    ),
    Row(
        "workshops:registration_change",
        lambda get: [get("tynset_registration").pk],
        expected=TYNSET_REGISTRATION,
    ),
    Row(
        "workshops:registration_cancel",
        lambda get: [get("tynset_registration").pk],
        method="post",
        expected=TYNSET_REGISTRATION_POST,
    ),
    Row("workshops:staff_list", expected=STAFF_ONLY),
    Row("workshops:staff_create", expected=STAFF_ONLY),
    Row("workshops:staff_edit", open_pk, expected=STAFF_ONLY),
    Row("workshops:staff_registrations", open_pk, expected=STAFF_ONLY),
    Row(
        "workshops:staff_registrations",
        open_pk,
        method="post",
        data=lambda get: {"attended": [get("tynset_registration").pk]},
        expected=STAFF_POST,
    ),
    Row("workshops:staff_registrations_csv", open_pk, expected=STAFF_ONLY),
    Row("workshops:staff_materials", open_pk, expected=STAFF_ONLY),
    Row(
        "workshops:staff_material_delete",
        lambda get: [get("open_workshop").materials.get().pk],
        method="post",
        expected=STAFF_POST,
    ),
    Row("workshops:staff_coverage", expected=STAFF_ONLY),
    Row("workshops:staff_coverage_csv", expected=STAFF_ONLY),
]
