from allauth.account.decorators import secure_admin_login
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.views.i18n import set_language

from accounts import views as accounts_views
from gnist.views import favicon, healthz

admin.site.site_header = "Gnist"
admin.site.site_title = "Gnist"
# The admin's own sign-in form checks only the password: send it to allauth's,
# which asks for the TOTP code and counts failed attempts.
admin.site.login = secure_admin_login(admin.site.login)

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("favicon.ico", favicon, name="favicon"),
    path("i18n/setlang/", set_language, name="set_language"),
]

urlpatterns += i18n_patterns(
    path("admin/", admin.site.urls),
    # allauth's TOTP set-up and recovery codes, keeping the page asked for (``next``).
    path("accounts/2fa/totp/activate/", accounts_views.activate_totp, name="mfa_activate_totp"),
    path(
        "accounts/2fa/recovery-codes/",
        accounts_views.view_recovery_codes,
        name="mfa_view_recovery_codes",
    ),
    path("accounts/", include("allauth.urls")),
    path("", include("accounts.urls")),
    path("", include("portal.urls")),
    path("", include("phases.urls")),
    path("", include("applications.urls")),
    path("", include("jury.urls")),
    path("", include("notifications.urls")),
    path("", include("briefs.urls")),
    path("", include("workshops.urls")),
    prefix_default_language=False,
)

handler500 = "gnist.views.server_error"
