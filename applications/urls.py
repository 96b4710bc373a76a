from django.urls import path

from applications import views

app_name = "applications"

urlpatterns = [
    path("challenges/", views.mine, name="mine"),
    path("challenges/selected/", views.public_list, name="public_list"),
    path("challenges/start/<str:number>/", views.start, name="start"),
    path("challenges/<int:pk>/", views.detail, name="detail"),
    path("challenges/<int:pk>/edit/", views.edit, name="edit"),
    path("challenges/<int:pk>/autosave/", views.autosave, name="autosave"),
    path("challenges/<int:pk>/submit/", views.submit, name="submit"),
    path("challenges/<int:pk>/receipt/", views.receipt, name="receipt"),
    path("challenges/<int:pk>/withdraw/", views.withdraw, name="withdraw"),
    path("challenges/<int:pk>/reopen/", views.reopen, name="reopen"),
    path("challenges/<int:pk>/pdf/", views.pdf, name="pdf"),
    path("challenges/<int:pk>/attachments/", views.attachment_upload, name="attachment_upload"),
    path(
        "challenges/<int:pk>/attachments/<int:attachment_pk>/",
        views.attachment_download,
        name="attachment_download",
    ),
    path(
        "challenges/<int:pk>/attachments/<int:attachment_pk>/delete/",
        views.attachment_delete,
        name="attachment_delete",
    ),
    path("challenges/<int:pk>/county-support/", views.county_support, name="county_support"),
    path("county/", views.county_dashboard, name="county_dashboard"),
    path("staff/challenges/", views.staff_list, name="staff_list"),
    path("staff/challenges/export.csv", views.staff_export_csv, name="staff_export_csv"),
    path("staff/challenges/export.xlsx", views.staff_export_xlsx, name="staff_export_xlsx"),
    path("staff/challenges/extensions/", views.staff_extensions, name="staff_extensions"),
    path("staff/challenges/<int:pk>/versions/", views.staff_versions, name="staff_versions"),
    path("staff/challenges/<int:pk>/status/", views.staff_status, name="staff_status"),
]
