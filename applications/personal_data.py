"""What the challenges hold about a person (see accounts.personal_data).

Nothing here is erased: a submitted challenge belongs to the municipality and a
support statement to the county council; their author is shown as "Deleted user".
"""

from applications.models import ApplicationVersion, CountySupport, StatusChange


def export_challenge_texts(user) -> dict:
    return {
        "challenge_versions": [
            {
                "challenge": v.application.title,
                "version": v.number,
                "submitted_at": v.submitted_at,
                "content": v.snapshot,
            }
            for v in ApplicationVersion.objects.filter(submitted_by=user).select_related(
                "application"
            )
        ],
        "challenge_status_reasons": [
            {"challenge": c.application.title, "to": c.to_status, "reason": c.reason}
            for c in StatusChange.objects.filter(changed_by=user).select_related("application")
        ],
        "county_support_statements": [
            {
                "challenge": s.application.title,
                "statement": s.statement,
                "confirmed_at": s.confirmed_at,
            }
            for s in CountySupport.objects.filter(confirmed_by=user).select_related("application")
        ],
    }
