from django.core.exceptions import PermissionDenied
from django.urls import include, path

from portal.urls import urlpatterns as site_urlpatterns


def boom(request):
    raise RuntimeError("deliberate failure for the 500 page test")


def forbidden(request):
    raise PermissionDenied


urlpatterns = [
    path("boom/", boom),
    path("verboden/", forbidden),
    path("", include(site_urlpatterns)),
]
