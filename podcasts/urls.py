from django.urls import path

import portal.converters  # noqa: F401 (registers <id:...>)

from . import views

app_name = "podcasts"

urlpatterns = [
    path("<id:pk>/audio.<str:extension>", views.audio, name="audio"),
    path("<id:pk>/hoofdstukken.json", views.chapters, name="chapters"),
    path("<id:pk>/transcript.<str:kind>", views.transcript, name="transcript"),
]
