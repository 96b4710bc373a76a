"""What the needs descriptions hold about a person (see accounts.personal_data)."""

from briefs.models import BriefVersion


def export_brief_versions(user) -> list[dict]:
    return [
        {"needs_description": str(v.brief), "saved_at": v.created_at}
        for v in BriefVersion.objects.filter(created_by=user).select_related("brief")
    ]
