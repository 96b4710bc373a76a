"""The portal's URLs plus one view that fails, to see the 500 page."""

from django.urls import path

from gnist.urls import urlpatterns as portal_urlpatterns


def fail(request):
    raise RuntimeError("a test failure")


urlpatterns = [*portal_urlpatterns, path("fail/", fail)]
handler500 = "gnist.views.server_error"
