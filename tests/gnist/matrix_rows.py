from tests.matrix import Row, expect

ROWS = [
    Row("favicon", expected=expect(301)),
    # allauth's TOTP set-up and recovery codes, wrapped to keep ``next`` (accounts.views).
    # A forced sign-in must re-authenticate first (302), and anonymous people sign in (302).
    Row("mfa_activate_totp", expected=expect(302)),
    Row("mfa_view_recovery_codes", expected=expect(404, anonymous=302)),
]
