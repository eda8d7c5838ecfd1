from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("profiel/", views.profile, name="profile"),
    path("profiel/gegevens/", views.request_data_export, name="data_export"),
    path(
        "profiel/gegevens/<int:pk>/<str:token>/",
        views.download_data_export,
        name="data_export_download",
    ),
    path("profiel/verwijderen/", views.delete_account, name="delete_account"),
    path("profiel/verwijderen/annuleren/", views.cancel_deletion, name="cancel_deletion"),
    path("wacht-op-goedkeuring/", views.awaiting_approval, name="awaiting_approval"),
]
