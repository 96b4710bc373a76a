from django.urls import path

from accounts import views

app_name = "accounts"

urlpatterns = [
    path("me/", views.dashboard, name="dashboard"),
    path("me/profile/", views.profile, name="profile"),
    path("me/data/", views.my_data, name="my_data"),
    path("me/data/export.json", views.data_export, name="data_export"),
    path("privacy/", views.privacy, name="privacy"),
    path("invitations/<str:token>/", views.invitation_accept, name="invitation_accept"),
    path("invitations/<int:pk>/revoke/", views.invitation_revoke, name="invitation_revoke"),
    path(
        "municipalities/<str:number>/members/",
        views.municipality_members,
        name="municipality_members",
    ),
    path(
        "municipalities/<str:number>/members/<int:user_id>/project-leader/",
        views.appoint_project_leader,
        name="appoint_project_leader",
    ),
    path("staff/invitations/", views.staff_invitations, name="staff_invitations"),
    path(
        "staff/deletion-requests/",
        views.staff_erasure_requests,
        name="staff_erasure_requests",
    ),
    path(
        "staff/deletion-requests/<int:pk>/carry-out/",
        views.staff_erasure_carry_out,
        name="staff_erasure_carry_out",
    ),
]
