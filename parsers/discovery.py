"""Finding comparison pages: in a sitemap.xml (or the ones a sitemap index or a
robots.txt lists), or by the links of an index page."""

from __future__ import annotations

import re
import zlib
from html import unescape
from urllib.parse import quote, urljoin, urlsplit, urlunsplit

from protego import Protego
from selectolax.lexbor import LexborHTMLParser

# Printable ASCII that stays as it is in a path and in a query, as browsers (WHATWG
# URL) and httpx leave it; the rest, spaces and every byte of a non-ASCII character,
# is percent-encoded, and an escape already there ("%20") is kept as it is.
_PRINTABLE = "".join(map(chr, range(0x21, 0x7F)))
_KEPT_IN_PATH = "".join(c for c in _PRINTABLE if c not in '"#<>?`{}')
_KEPT_IN_QUERY = "".join(c for c in _PRINTABLE if c not in '"#<>')
_SITEMAP_ROOT = re.compile(rb"<(urlset|sitemapindex)[\s>]", re.IGNORECASE)
_LEADING = b"\xef\xbb\xbf \t\r\n"  # a UTF-8 byte order mark, and whitespace
# A sitemap's address: XML text, in which "&" is "&amp;", or a CDATA section, taken as is.
_LOC = re.compile(
    rb"<loc>\s*(?:<!\[CDATA\[\s*(?P<cdata>.*?)\s*\]\]>|(?P<text>[^<\s]+))\s*</loc>",
    re.IGNORECASE | re.DOTALL,
)
_MAX_SITEMAP = 50 * 1024 * 1024  # bytes, unpacked: the sitemap protocol's limit
# The path of a comparison page: /compare/<slug-a>-vs-<slug-b>.
COMPARE_PATH = re.compile(r"^/compare/[^/]+-vs-[^/]+/?$")


def is_compare_url(url: str) -> bool:
    """
    >>> is_compare_url("https://shiporskip.io/compare/a-vs-b"), is_compare_url("/tool/a")
    (True, False)
    """
    return bool(COMPARE_PATH.match(urlsplit(url).path))


def normal_url(url: str) -> str:
    """One spelling per address, so that a page is watched and stored once: scheme and
    host in lower case, a host's non-ASCII name in its ASCII form (IDNA), no default
    port, no fragment, "/" for an empty path, and the path and query percent-encoded
    as a browser (and httpx, which fetches them) sends them.

    >>> normal_url(" HTTPS://ShipOrSkip.io:443/compare/A-vs-B?x=1#top")
    'https://shiporskip.io/compare/A-vs-B?x=1'
    >>> normal_url("http://127.0.0.1:8080")
    'http://127.0.0.1:8080/'
    >>> normal_url("https://Exämple.org/compare/ä vs b?q=x y"), normal_url("https://e.org/a%20b")
    ('https://xn--exmple-cua.org/compare/%C3%A4%20vs%20b?q=x%20y', 'https://e.org/a%20b')
    """
    parts = urlsplit(url.strip())
    scheme, netloc = parts.scheme.lower(), _ascii_host(parts.netloc.lower())
    default_port = {"http": ":80", "https": ":443"}.get(scheme)
    if default_port and netloc.endswith(default_port):
        netloc = netloc.removesuffix(default_port)
    path = quote(parts.path or "/", safe=_KEPT_IN_PATH)
    return urlunsplit((scheme, netloc, path, quote(parts.query, safe=_KEPT_IN_QUERY), ""))


def _ascii_host(netloc: str) -> str:
    """The netloc with its host name in IDNA's ASCII form ("xn--..."), as it is sent."""
    userinfo, at, host_port = netloc.rpartition("@")
    if host_port.isascii():
        return netloc
    host, colon, port = host_port.partition(":")  # an IPv6 address is ASCII: not here
    try:
        host = host.encode("idna").decode("ascii")
    except UnicodeError:
        return netloc  # no name IDNA can spell: the fetch says so
    return userinfo + at + host + colon + port


def unpacked(body: bytes) -> bytes:
    """A gzipped sitemap (sitemap.xml.gz, sent as a file rather than with a
    Content-Encoding) unpacked, at most to the 50 MB the sitemap protocol allows; any
    other body as it is."""
    if not body.startswith(b"\x1f\x8b"):
        return body
    try:
        return zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(body, _MAX_SITEMAP)
    except zlib.error:
        return body  # not gzip after all: read as it is


def discover_links(body: bytes, base_url: str) -> list[str]:
    """Comparison page URLs in a sitemap or an HTML page, in order, without repeats.

    An HTML page's links to other sites' comparison pages are not the site's own and
    are left out ("www." aside); a sitemap lists what its site chose, on whatever host
    (sitemaps kept on a CDN list the site's pages).

    >>> discover_links(b"<urlset><url><loc>https://s.io/compare/a-vs-b</loc></url>"
    ...                b"<url><loc>https://s.io/tool/a</loc></url></urlset>", "https://s.io/")
    ['https://s.io/compare/a-vs-b']
    >>> discover_links(b"<a href='/compare/x-vs-y#top'>X</a><a href='/about'>A</a>"
    ...                b"<a href='https://other.test/compare/p-vs-q'>elsewhere</a>"
    ...                b"<a href='https://www.s.io/compare/z-vs-w'>Z</a>", "https://s.io/")
    ['https://s.io/compare/x-vs-y', 'https://www.s.io/compare/z-vs-w']
    """
    body = unpacked(body)
    if body[:1024].lstrip(_LEADING).startswith(b"<?xml") or _sitemap_root(body) is not None:
        candidates = _locs(body)
        site = None
    else:
        tree = LexborHTMLParser(body)
        candidates = [a.attributes.get("href") or "" for a in tree.css("a[href]")]
        site = _site(base_url)
        # Relative links are resolved against the page's <base href>, as browsers do.
        if (base := tree.css_first("base[href]")) is not None:
            base_url = urljoin(base_url, base.attributes.get("href") or "")
    found = [normal_url(urljoin(base_url, href)) for href in candidates if href]
    return list(
        dict.fromkeys(url for url in found if is_compare_url(url) and site in (None, _site(url)))
    )


def _sitemap_root(body: bytes) -> bytes | None:
    """b"urlset" or b"sitemapindex" where the body is a sitemap: its root element, found
    in its first 64 KB, as an XML declaration, a byte order mark and comments of any
    length may come before it."""
    found = _SITEMAP_ROOT.search(body, 0, 65536)
    return found[1].lower() if found else None


def _locs(body: bytes) -> list[str]:
    """The addresses in a sitemap's <loc>s, with XML's escapes read ("&amp;" is "&")."""
    return [
        match["cdata"].decode("utf-8", "replace")
        if match["cdata"] is not None
        else unescape(match["text"].decode("utf-8", "replace"))
        for match in _LOC.finditer(body)
    ]


def _site(url: str) -> str:
    return (urlsplit(url).hostname or "").removeprefix("www.")


def sitemaps_listed(body: bytes, base_url: str) -> list[str]:
    """The sitemaps a sitemap index or a robots.txt lists (none for any other page),
    without repeats.

    >>> sitemaps_listed(b"<sitemapindex><sitemap><loc>https://s.io/s-1.xml</loc>"
    ...                 b"</sitemap></sitemapindex>", "https://s.io/sitemap.xml")
    ['https://s.io/s-1.xml']
    >>> sitemaps_listed(b"User-agent: *\\nDisallow: /admin\\nSitemap: /sitemap.xml\\n",
    ...                 "https://s.io/robots.txt")
    ['https://s.io/sitemap.xml']
    """
    body = unpacked(body)
    if _sitemap_root(body) == b"sitemapindex":
        listed = _locs(body)
    elif urlsplit(base_url).path == "/robots.txt" and not body.lstrip().startswith(b"<"):
        listed = list(Protego.parse(body.decode("utf-8-sig", "replace")).sitemaps)
    else:
        return []
    return list(dict.fromkeys(normal_url(urljoin(base_url, url)) for url in listed))
