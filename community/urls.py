from django.urls import path

from portal import converters  # noqa: F401  (registers <id:...>)

from . import actions, attachments, bridges, drafts, mentions, moderation_views, views

app_name = "community"

urlpatterns = [
    path("", views.index, name="index"),
    path("laatste/", views.latest, name="latest"),
    path("nieuw/", views.unread, name="unread"),
    path("nieuw/alles-gelezen/", views.mark_all_read, name="mark_all_read"),
    path("voorbeeld/", views.preview, name="preview"),
    path("s/<slug:slug>/", views.space, name="space"),
    path("s/<slug:slug>/nieuw-onderwerp/", views.new_topic, name="new_topic"),
    path("t/<id:pk>/", views.topic, name="topic_short"),
    path("t/<id:pk>-<slug:slug>/", views.topic, name="topic"),
    path("t/<id:pk>/antwoorden/", views.reply, name="reply"),
    path("t/<id:pk>/eerste-ongelezen/", views.first_unread, name="first_unread"),
    path("p/<id:pk>/", views.post_link, name="post"),
    path("p/<id:pk>/reactie/", actions.react, name="react"),
    path("p/<id:pk>/citeer/", actions.quote, name="quote"),
    path("p/<id:pk>/oplossing/", actions.mark_solution, name="mark_solution"),
    path("p/<id:pk>/bewerken/", actions.edit_post, name="edit_post"),
    path("p/<id:pk>/verwijderen/", actions.delete_post, name="delete_post"),
    path("p/<id:pk>/versies/", actions.post_versions, name="post_versions"),
    path("p/<id:pk>/melden/", moderation_views.flag_post, name="flag_post"),
    path("p/<id:pk>/verbergen/", moderation_views.hide_post, name="hide_post"),
    path("p/<id:pk>/herstellen/", moderation_views.restore_post, name="restore_post"),
    path("t/<id:pk>/moderatie/", moderation_views.moderate_topic, name="moderate_topic"),
    path("t/<id:pk>/splitsen/", moderation_views.split_topic, name="split_topic"),
    path("t/<id:pk>/kennisproduct/", bridges.knowledge_draft, name="knowledge_draft"),
    path("concept/", drafts.save, name="draft"),
    path("leden/", mentions.members, name="members"),
    path("bijlage/<id:pk>/klein/", attachments.thumbnail, name="attachment_thumbnail"),
    path("bijlage/<id:pk>/<str:name>", attachments.download, name="attachment"),
]
