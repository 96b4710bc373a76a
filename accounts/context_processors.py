from django.utils.functional import SimpleLazyObject

from accounts.roles import Roles


def roles(request):
    """Expose the signed-in person's roles to templates (for the menu)."""
    user = getattr(request, "user", None)
    return {
        "roles": SimpleLazyObject(
            lambda: user.roles if user is not None and user.is_authenticated else Roles()
        )
    }
