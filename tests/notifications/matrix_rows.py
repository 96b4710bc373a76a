from tests.matrix import STAFF_ONLY, Row, expect

STAFF_POSTS = expect(403, anonymous=302, staff=302)

ROWS = [
    Row("notifications:staff_outbox", expected=STAFF_ONLY),
    Row(
        "notifications:staff_outbox_resend",
        lambda get: [get("failed_message").pk],
        "post",
        STAFF_POSTS,
        fixtures=["failed_message"],
    ),
    Row(
        "notifications:staff_outbox_resend_failed",
        method="post",
        expected=STAFF_POSTS,
        fixtures=["failed_message"],
    ),
    Row("notifications:staff_reminders", expected=STAFF_ONLY),
    Row(
        "notifications:staff_reminder",
        lambda get: [get("reminder_rule").pk],
        expected=STAFF_ONLY,
        fixtures=["reminder_rule"],
    ),
    Row(
        "notifications:staff_reminder_pause",
        lambda get: [get("reminder_rule").pk],
        "post",
        STAFF_POSTS,
        fixtures=["reminder_rule"],
    ),
]
