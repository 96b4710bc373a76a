from django.urls import path

from briefs import views

app_name = "briefs"

urlpatterns = [
    path("briefs/", views.brief_list, name="list"),
    path("briefs/<int:pk>/", views.detail, name="detail"),
    path("briefs/<int:pk>/edit/", views.edit, name="edit"),
    path("briefs/<int:pk>/versions/<int:number>/pdf/", views.version_pdf, name="version_pdf"),
    path("staff/briefs/open/", views.staff_open, name="staff_open"),
    path(
        "staff/briefs/<int:pk>/versions/<int:number>/render/",
        views.staff_rerender,
        name="staff_rerender",
    ),
]
