#
# Varnish (Debian's 7.x, with varnish-modules for xkey) in front of the newsroom's app servers.
#
# It keeps what the app marks shareable (`Cache-Control: public`, for `s-maxage` seconds) and
# drops it when a purge names one of the page's cache tags (the `xkey` header): several app
# servers behind one or more Varnish nodes share one cache, and an edit reaches every reader
# at once. The app does the same job with the same tags when no Varnish stands before it
# (core/pagecache.py, core/cachetags.py); its purges come from core/purge.py.
#
# The site's own part, `newsroom-backends.vcl`, is looked for in vcl_path (/etc/varnish by
# default): the app servers as backends, a round-robin director named `app`, and the `purgers`
# ACL (the machines whose task workers send purges). scripts/varnish.py writes it.
#
vcl 4.1;

import std;
import xkey;

include "newsroom-backends.vcl";

sub vcl_recv {
    if (req.method == "PURGE") {
        call newsroom_purge;
    }
    set req.backend_hint = app.backend();
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);  # comments, sign-ins: the app answers them itself, cookies and all
    }
    if (req.url ~ "^/admin/" || req.http.Authorization) {
        return (pass);  # the app never marks the admin public either, wherever ADMIN_PATH is
    }
    # A personal cookie (core.pagecache.PERSONAL_COOKIES): staff, a flash message, a reader's
    # own held comment or remembered name. Such a reader neither reads nor fills the cache.
    if (req.http.Cookie ~ "(^|;)\s*(sessionid|messages|comment_author|comment_held)=") {
        return (pass);
    }
    # Other cookies (csrftoken, analytics) change nothing on a public page.
    unset req.http.Cookie;
    # The site speaks one language (settings.LANGUAGES): without this, Django's
    # `Vary: Accept-Language` would keep one copy of each page per browser language.
    unset req.http.Accept-Language;
    call newsroom_page_address;
    return (hash);
}

# PURGE / with `xkey-softpurge: k1 k2` (an edit: the old copy may still be served for the
# grace while one fetch redraws it) or `xkey-purge: k1 k2` (a takedown: gone at once).
sub newsroom_purge {
    if (client.ip !~ purgers) {
        return (synth(403, "Forbidden"));
    }
    if (req.http.xkey-purge) {
        set req.http.n-gone = xkey.purge(req.http.xkey-purge);
    } elsif (req.http.xkey-softpurge) {
        set req.http.n-gone = xkey.softpurge(req.http.xkey-softpurge);
    } else {
        return (synth(400, "An xkey-purge or xkey-softpurge header is required"));
    }
    return (synth(200, "Purged " + req.http.n-gone));
}

# One entry per page: keep only the query parameters pages read (mirrors
# core.pagecache.PAGE_PARAMETERS; tests/hardening/test_varnish.py checks that the two lists
# agree), sorted. fbclid, utm_*, gclid or a bot's random ?x= all land on the page's entry,
# and the app never sees them.
sub newsroom_page_address {
    if (req.url ~ "\?") {
        set req.url = regsuball(req.url,
            "(?<=[?&])(?!(page|q|comments-page|replytocom)(=|&|$))[^&]*(&|$)", "");
        set req.url = regsub(req.url, "[?&]+$", "");
        set req.url = std.querysort(req.url);
    }
}

sub vcl_hash {
    # A page drawn for https (behind the TLS proxy) holds https links: never serve it on http.
    hash_data(req.http.X-Forwarded-Proto);
}

sub vcl_backend_fetch {
    # Always fetch whole pages: an app server holding a stale copy while another request
    # redraws it would answer a revalidation with 304, and the stale copy would live on here.
    unset bereq.http.If-None-Match;
    unset bereq.http.If-Modified-Since;
}

sub vcl_backend_response {
    if (bereq.is_bgfetch && beresp.status >= 500) {
        return (abandon);  # a database outage: keep serving the copy in grace
    }
    # Only what the app marked shareable, and never a response that sets a cookie (the
    # builtin VCL would also keep unmarked responses, a 404 or a redirect, for 2 minutes).
    if (beresp.http.Cache-Control !~ "(^|[ ,])public($|[ ,])"
        || beresp.http.Set-Cookie || beresp.ttl <= 0s) {
        set beresp.uncacheable = true;  # hit-for-miss: the next answer may still be kept
        set beresp.ttl = 10s;
        set beresp.grace = 0s;
        return (deliver);
    }
    # A soft purge keeps the page this long, served while one fetch redraws it (no
    # stampede); a hard purge (a takedown) removes it at once. Set here, not left to
    # varnishd's default_grace (10 s) or to how a version reads `must-revalidate`, which the
    # app sends for browsers.
    set beresp.grace = 30s;
    set beresp.keep = 0s;  # no revalidation (see vcl_backend_fetch): nothing to keep for
    if (beresp.http.X-Page-Cache == "stale") {
        # The app served its own stale copy because another request is redrawing the page:
        # keep it a second only, then fetch again.
        set beresp.ttl = 1s;
    }
    if (beresp.http.Content-Type ~ "^(text/|application/(rss\+|atom\+)?xml)") {
        set beresp.do_gzip = true;
    }
    return (deliver);
}

sub vcl_backend_error {
    if (bereq.retries == 0) {
        return (retry);  # the director picks the next app server
    }
}

sub vcl_deliver {
    # The tags stay here (xkey indexes them); readers have no use for them.
    unset resp.http.xkey;
    unset resp.http.X-Page-Cache;
    if (obj.uncacheable) {
        set resp.http.X-Cache = "PASS";
    } elsif (obj.hits == 0) {
        set resp.http.X-Cache = "MISS";
    } elsif (obj.ttl <= 0s) {
        set resp.http.X-Cache = "HIT-STALE";  # in grace; a fetch is redrawing it
    } else {
        set resp.http.X-Cache = "HIT";
    }
}
