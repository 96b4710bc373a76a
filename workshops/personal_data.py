"""What the workshops hold about a person (see accounts.personal_data)."""

from django.db.models import Q

from workshops.models import CalendarToken, Registration


def export_registrations(user) -> list[dict]:
    return [
        {
            "workshop": str(r.workshop),
            "name": r.full_name,
            "email": r.email,
            "status": r.get_status_display(),
            "attended": r.attended,
            "registered_at": r.created_at,
        }
        for r in Registration.objects.filter(
            Q(email__iexact=user.email) | Q(registered_by=user)
        ).select_related("workshop")
    ]


def erase_registrations(user, *, old_email: str, placeholder: str) -> None:
    """Registrations stay (attendance counts for the municipality) without name or address."""
    Registration.objects.filter(email__iexact=old_email).update(full_name="", email=placeholder)
    CalendarToken.objects.filter(user=user).delete()
