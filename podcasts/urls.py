from django.urls import path

from . import views

app_name = "podcasts"

urlpatterns = [
    path("<int:pk>/audio.<str:extension>", views.audio, name="audio"),
    path("<int:pk>/hoofdstukken.json", views.chapters, name="chapters"),
    path("<int:pk>/transcript.<str:kind>", views.transcript, name="transcript"),
]
