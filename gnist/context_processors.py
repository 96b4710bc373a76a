from django.conf import settings


def contact(request):
    """The programme staff's address, shown on error pages and in the footer."""
    return {"contact_email": settings.CONTACT_EMAIL}
