from django.conf import settings
from django.conf.urls.static import static
from django.urls import include, path, re_path

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from search import views as search_views
from tracker import api as tracker_api

from . import converters, seo, views  # noqa: F401  (converters registers <id:...>)

urlpatterns = [
    # Wagtail's login and password-reset forms lead to allauth's (see views.to_account_login).
    path("admin/login/", views.to_account_login, name="admin_login"),
    re_path(r"^admin/password_reset/", views.to_account_password_reset),
    path("_util/login/", views.to_account_login),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("accounts/", include("accounts.urls")),
    path("accounts/", include("allauth.urls")),
    path("health/", views.health, name="health"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("podcast/aflevering/", include("podcasts.urls")),
    path("forum/", include("community.urls")),
    path("meldingen/", include("notifications.urls")),
    path("knelpunten/", include("tracker.urls")),
    path("zoeken/", search_views.search, name="search"),
    path("api/v1/search/", search_views.search_api, name="search_api"),
    path("api/v1/search/autocomplete/", search_views.autocomplete_api, name="search_autocomplete"),
    path("api/v1/knelpunten/", tracker_api.bottlenecks, name="api_bottlenecks"),
    path("api/v1/knelpunten/<id:pk>/", tracker_api.bottleneck, name="api_bottleneck"),
    path("api/v1/dossiers/", tracker_api.dossiers, name="api_dossiers"),
    path("api/v1/dossiers/<id:pk>/", tracker_api.dossier, name="api_dossier"),
    path("sitemap.xml", seo.sitemap_view, name="sitemap"),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [path("", include(wagtail_urls))]
