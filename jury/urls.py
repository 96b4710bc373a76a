from django.urls import path

from jury import views

app_name = "jury"

urlpatterns = [
    path("jury/", views.home, name="home"),
    path("jury/conflicts/", views.conflicts, name="conflicts"),
    path("jury/conflicts/<int:pk>/delete/", views.conflict_delete, name="conflict_delete"),
    path("jury/challenges/<int:pk>/", views.score, name="score"),
    path(
        "jury/challenges/<int:pk>/attachments/<int:attachment_pk>/",
        views.attachment,
        name="attachment",
    ),
    path("jury/results/", views.results, name="results"),
    path("staff/jury/", views.staff_home, name="staff_home"),
    path("staff/rounds/<slug:slug>/criteria/", views.staff_criteria, name="staff_criteria"),
    path("staff/jury/seats/", views.staff_seats, name="staff_seats"),
    path("staff/jury/seats/<int:pk>/move/", views.staff_seat_move, name="staff_seat_move"),
    path("staff/jury/seats/<int:pk>/invite/", views.staff_seat_invite, name="staff_seat_invite"),
    path("staff/jury/seats/<int:pk>/delete/", views.staff_seat_delete, name="staff_seat_delete"),
    path("staff/jury/conflicts/", views.staff_conflicts, name="staff_conflicts"),
    path("staff/jury/ranking/", views.staff_ranking, name="staff_ranking"),
    path("staff/jury/challenges/<int:pk>/", views.staff_challenge, name="staff_challenge"),
    path("staff/jury/calibration/", views.staff_calibration, name="staff_calibration"),
    path("staff/jury/decision/", views.staff_decision, name="staff_decision"),
    path("staff/jury/decision/publish/", views.staff_publish, name="staff_publish"),
    path("staff/jury/templates/", views.staff_templates, name="staff_templates"),
    path("staff/jury/audit/", views.staff_audit, name="staff_audit"),
    path("staff/jury/export/scores.csv", views.export_csv, name="export_csv"),
    path("staff/jury/export/scores.xlsx", views.export_xlsx, name="export_xlsx"),
    path("staff/jury/export/report.pdf", views.report_pdf, name="report_pdf"),
]
