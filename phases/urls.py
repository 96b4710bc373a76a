from django.urls import path

from phases import views

app_name = "phases"

urlpatterns = [
    path("rounds/", views.round_list, name="round_list"),
    path("staff/", views.staff_home, name="staff_home"),
    path("staff/rounds/new/", views.staff_round_edit, name="staff_round_create"),
    path("staff/rounds/<slug:slug>/", views.staff_round_edit, name="staff_round_edit"),
]
