from django.urls import path

from portal import converters  # noqa: F401  (registers <id:...>)

from . import views

app_name = "tracker"

urlpatterns = [
    path("", views.index, name="index"),
    path("melden/", views.report, name="report"),
    path("melden/vergelijkbaar/", views.similar_json, name="similar"),
    path("mijn/", views.mine, name="mine"),
    path("triage/", views.triage, name="triage"),
    path("triage/status/", views.bulk_status, name="bulk_status"),
    path("triage/filters/", views.save_filter, name="save_filter"),
    path("triage/filters/<id:pk>/verwijderen/", views.delete_filter, name="delete_filter"),
    path("<id:pk>/", views.detail, name="detail_short"),
    path("<id:pk>-<slug:slug>/", views.detail, name="detail"),
    path("<id:pk>/gemeld/", views.reported, name="reported"),
    path("<id:pk>/bevestigen/", views.confirm, name="confirm"),
    path("<id:pk>/volgen/", views.follow, name="follow"),
    path("<id:pk>/status/", views.change_status, name="change_status"),
    path("<id:pk>/vragen/", views.message, name="message"),
    path("<id:pk>/samenvoegen/", views.merge, name="merge"),
    path("<id:pk>/splitsen/", views.split, name="split"),
    path("samenvoeging/<id:pk>/ongedaan/", views.undo_merge, name="undo_merge"),
    path("bijlage/<id:pk>/<str:name>", views.attachment, name="attachment"),
]
