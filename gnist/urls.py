from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.views.i18n import set_language

from gnist.views import healthz

admin.site.site_header = "Gnist"
admin.site.site_title = "Gnist"

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("i18n/setlang/", set_language, name="set_language"),
]

urlpatterns += i18n_patterns(
    path("admin/", admin.site.urls),
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
