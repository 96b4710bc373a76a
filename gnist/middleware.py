"""Response headers every page gets: Permissions-Policy, and no caching of personal pages.

The Content-Security-Policy comes from django-csp (settings.CONTENT_SECURITY_POLICY).
"""

from django.conf import settings


class PrivacyHeadersMiddleware:
    """Add Permissions-Policy; keep signed-in pages and every download out of caches.

    A page seen signed in carries someone's data, and a download (PDF,
    attachment, CSV, calendar feed) may too even when fetched without a
    session (a feed token in the URL). Only public HTML pages may be stored
    by a browser or a shared proxy.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        user = getattr(request, "user", None)
        signed_in = user is not None and user.is_authenticated
        is_page = response.get("Content-Type", "").startswith("text/html")
        if signed_in or not is_page or response.has_header("Content-Disposition"):
            response["Cache-Control"] = "private, no-store"
        return response
