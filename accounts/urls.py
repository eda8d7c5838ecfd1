from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("profiel/", views.profile, name="profile"),
    path("wacht-op-goedkeuring/", views.awaiting_approval, name="awaiting_approval"),
]
