from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path, register_converter
from django.utils.translation import gettext_lazy as _

from core.converters import UnicodeSlugConverter

register_converter(UnicodeSlugConverter, "uslug")

admin.site.site_header = _("Newsroom administration")
admin.site.site_title = _("Newsroom")
admin.site.index_title = _("Editorial desk")

urlpatterns = [
    path(settings.NEWSROOM_ADMIN_PATH, admin.site.urls),
    path("", include("comments.urls")),
    path("", include("articles.urls_feeds")),
    path("", include("articles.urls")),
]

if settings.DEBUG:
    # The demo serves uploaded images itself; production serves /media/ from the web server.
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
handler403 = "core.errors.permission_denied"
handler404 = "core.errors.page_not_found"
handler500 = "core.errors.server_error"
