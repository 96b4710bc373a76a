from tests.matrix import PUBLIC, SIGNED_IN, STAFF_ONLY, Row, expect

TYNSET_MEMBERS = expect(403, anonymous=302, staff=200, municipality_user=200, colleague_user=200)

ROWS = [
    Row("healthz"),
    Row("account_login", expected={**expect(302), "anonymous": 200}),
    Row("account_signup", expected={**expect(302), "anonymous": 200}),
    Row("accounts:dashboard", expected=SIGNED_IN),
    Row("accounts:profile", expected=SIGNED_IN),
    Row("accounts:municipality_members", ["3427"], expected=TYNSET_MEMBERS),
    Row(
        "accounts:municipality_members",
        ["3427"],
        "post",
        {**TYNSET_MEMBERS, "municipality_user": 302, "staff": 302, "colleague_user": 403},
        data={"email": "ny@tynset.kommune.no", "department": "planning", "full_name": "Ny"},
    ),
    Row(
        "accounts:invitation_accept",
        lambda get: [get("pending_invitation").token],
        expected=PUBLIC,
        fixtures=["pending_invitation"],
    ),
    Row(
        "accounts:invitation_revoke",
        lambda get: [get("pending_invitation").pk],
        "post",
        expect(404, anonymous=302, staff=302, municipality_user=302, colleague_user=403),
        fixtures=["pending_invitation"],
    ),
    Row(
        "accounts:appoint_project_leader",
        lambda get: ["3427", get("colleague_user").pk],
        "post",
        expect(403, anonymous=302, staff=302),
        fixtures=["colleague_user"],
    ),
    Row("accounts:staff_invitations", expected=STAFF_ONLY),
    Row("admin:index", expected=expect(302, staff=200)),
]

ROWS += [
    Row("accounts:privacy", expected=PUBLIC),
    Row("accounts:my_data", expected=SIGNED_IN),
    Row(
        "accounts:my_data",
        method="post",
        data={"reason": "", "confirm": "on"},
        expected=expect(302),
    ),
    Row("accounts:data_export", expected=SIGNED_IN),
    Row("accounts:staff_erasure_requests", expected=STAFF_ONLY),
    Row(
        "accounts:staff_erasure_carry_out",
        lambda get: [get("erasure_request").pk],
        "post",
        expect(403, anonymous=302, staff=302),
        fixtures=["erasure_request"],
    ),
]
