from django.urls import path

from portal import converters  # noqa: F401  (registers <id:...>)

from . import views

app_name = "notifications"

urlpatterns = [
    path("", views.index, name="list"),
    path("<id:pk>/", views.open_notification, name="open"),
    path("alles-gelezen/", views.mark_all_read, name="mark_all_read"),
    path("instellingen/", views.preferences, name="settings"),
    path("volgen/", views.watch, name="watch"),
    path("afmelden/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
