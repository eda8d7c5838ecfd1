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

# Part two: dossiers, exports, statistics (views in their own modules).
from . import dossier_views, export_views, stats_views  # noqa: E402

urlpatterns += [
    path("export.csv", export_views.list_csv, name="export_csv"),
    path("export.xlsx", export_views.list_xlsx, name="export_xlsx"),
    path("statistieken/", stats_views.statistics, name="statistics"),
    path("dossiers/", dossier_views.index, name="dossiers"),
    path("dossiers/nieuw/", dossier_views.create, name="dossier_create"),
    path("dossiers/<id:pk>/", dossier_views.detail, name="dossier_short"),
    path("dossiers/<id:pk>-<slug:slug>/", dossier_views.detail, name="dossier"),
    path("dossiers/<id:pk>/bewerken/", dossier_views.edit, name="dossier_edit"),
    path("dossiers/<id:pk>/knelpunten/", dossier_views.add_bottleneck, name="dossier_add"),
    path(
        "dossiers/<id:pk>/knelpunten/<id:bottleneck_id>/",
        dossier_views.item,
        name="dossier_item",
    ),
    path("dossiers/<id:pk>/adressaten/", dossier_views.addressee, name="dossier_addressee"),
    path(
        "dossiers/<id:pk>/adressaten/<id:addressee_id>/",
        dossier_views.addressee,
        name="dossier_addressee_edit",
    ),
    path(
        "dossiers/<id:pk>/adressaten/<id:addressee_id>/antwoord/",
        dossier_views.answer,
        name="dossier_answer",
    ),
    path(
        "dossiers/antwoord/<id:addressee_id>/<str:name>",
        dossier_views.answer_file,
        name="dossier_answer_file",
    ),
    path("dossiers/<id:pk>/overleg/", dossier_views.snapshot, name="dossier_snapshot"),
    path("dossiers/<id:pk>/vergelijk/", dossier_views.compare, name="dossier_compare"),
    path("dossiers/<id:pk>/export.csv", export_views.dossier_csv, name="dossier_csv"),
    path("dossiers/<id:pk>/export.xlsx", export_views.dossier_xlsx, name="dossier_xlsx"),
    path("dossiers/<id:pk>/knelpuntennota.docx", export_views.dossier_docx, name="dossier_docx"),
    path("dossiers/<id:pk>/knelpuntennota.pdf", export_views.dossier_pdf, name="dossier_pdf"),
]

from . import api  # noqa: E402

urlpatterns += [
    path("api-sleutels/", api.tokens, name="api_tokens"),
    path("api-sleutels/<id:pk>/intrekken/", api.revoke_token, name="api_token_revoke"),
]
