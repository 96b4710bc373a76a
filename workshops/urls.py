from django.urls import path

from workshops import views

app_name = "workshops"

urlpatterns = [
    path("workshops/", views.workshop_list, name="list"),
    path("workshops/materials/", views.materials, name="materials"),
    path(
        "workshops/materials/<int:pk>/download/",
        views.material_download,
        name="material_download",
    ),
    path("workshops/calendar/", views.calendar, name="calendar"),
    path("workshops/calendar/reset/", views.calendar_reset, name="calendar_reset"),
    path("workshops/calendar/revoke/", views.calendar_revoke, name="calendar_revoke"),
    path("workshops/calendar/<slug:slug>.ics", views.ical_public, name="ical_public"),
    path("workshops/calendar/private/<str:token>.ics", views.ical_private, name="ical_private"),
    path("workshops/obligations/", views.obligations, name="obligations"),
    path("workshops/obligations/<str:number>/", views.obligation_detail, name="obligation_detail"),
    path("workshops/<int:pk>/", views.workshop_detail, name="detail"),
    path(
        "workshops/<int:pk>/municipalities/<str:number>/",
        views.register_municipality,
        name="register_municipality",
    ),
    path(
        "workshops/<int:pk>/counties/<str:number>/",
        views.register_county,
        name="register_county",
    ),
    path(
        "workshops/registrations/<int:pk>/change/",
        views.registration_change,
        name="registration_change",
    ),
    path(
        "workshops/registrations/<int:pk>/cancel/",
        views.registration_cancel,
        name="registration_cancel",
    ),
    path("staff/workshops/", views.staff_list, name="staff_list"),
    path("staff/workshops/new/", views.staff_edit, name="staff_create"),
    path("staff/workshops/coverage/", views.staff_coverage, name="staff_coverage"),
    path("staff/workshops/coverage.csv", views.staff_coverage_csv, name="staff_coverage_csv"),
    path("staff/workshops/<int:pk>/", views.staff_registrations, name="staff_registrations"),
    path("staff/workshops/<int:pk>/edit/", views.staff_edit, name="staff_edit"),
    path(
        "staff/workshops/<int:pk>/registrations.csv",
        views.staff_registrations_csv,
        name="staff_registrations_csv",
    ),
    path("staff/workshops/<int:pk>/materials/", views.staff_materials, name="staff_materials"),
    path(
        "staff/workshops/materials/<int:pk>/delete/",
        views.staff_material_delete,
        name="staff_material_delete",
    ),
]
