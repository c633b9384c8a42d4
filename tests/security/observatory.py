"""The Mozilla HTTP Observatory's grade, worked out from one response's headers.

A small re-implementation of the Observatory's scoring (the v2 scanner,
mdn/mdn-http-observatory): every site starts at 100; each of ten tests gives a
modifier; bonuses count only if the score without them is at least 90; 100 or
more is an A+. The tests and their modifiers are the Observatory's. What it
cannot see from one response is passed in: where a plain-HTTP request for the
same address is redirected, and whether the host is on the HSTS preload list.

Simplifications, none of which changes a score for this site: CSP and CORP
<meta http-equiv> tags are ignored (the site sends headers only); several CSP
policies in one response are merged directive by directive, first one wins;
"same site" for scripts compares the last two labels of the host name, where
the Observatory uses the public suffix list; the crossdomain.xml and
clientaccesspolicy.xml files the CORS test also fetches are taken to be absent.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from http.cookies import CookieError, SimpleCookie
from urllib.parse import urlsplit

MINIMUM_SCORE_FOR_EXTRA_CREDIT = 90
SIX_MONTHS = 15768000
OBSERVATORY_ORIGIN = "https://http-observatory.security.mozilla.org"

# The Observatory's score table: expectation -> modifier.
MODIFIERS = {
    "csp-implemented-with-no-unsafe-default-src-none": 10,
    "csp-implemented-with-no-unsafe": 5,
    "csp-implemented-with-unsafe-inline-in-style-src-only": 0,
    "csp-implemented-with-insecure-scheme-in-passive-content-only": -10,
    "csp-implemented-with-unsafe-eval": -10,
    "csp-implemented-with-unsafe-inline": -20,
    "csp-implemented-with-insecure-scheme": -20,
    "csp-header-invalid": -25,
    "csp-not-implemented": -25,
    "cookies-secure-with-httponly-sessions-and-samesite": 5,
    "cookies-secure-with-httponly-sessions": 0,
    "cookies-not-found": 0,
    "cookies-without-secure-flag-but-protected-by-hsts": -5,
    "cookies-session-without-secure-flag-but-protected-by-hsts": -10,
    "cookies-without-secure-flag": -20,
    "cookies-samesite-flag-invalid": -20,
    "cookies-anticsrf-without-samesite-flag": -20,
    "cookies-session-without-httponly-flag": -30,
    "cookies-session-without-secure-flag": -40,
    "cross-origin-resource-sharing-not-implemented": 0,
    "cross-origin-resource-sharing-implemented-with-public-access": 0,
    "cross-origin-resource-sharing-implemented-with-restricted-access": 0,
    "cross-origin-resource-sharing-implemented-with-universal-access": -50,
    "redirection-all-redirects-preloaded": 0,
    "redirection-to-https": 0,
    "redirection-not-needed-no-http": 0,
    "redirection-off-host-from-http": -5,
    "redirection-not-to-https-on-initial-redirection": -10,
    "redirection-not-to-https": -20,
    "redirection-missing": -20,
    "referrer-policy-private": 5,
    "referrer-policy-not-implemented": 0,
    "referrer-policy-unsafe": -5,
    "referrer-policy-header-invalid": -5,
    "hsts-preloaded": 5,
    "hsts-implemented-max-age-at-least-six-months": 0,
    "hsts-implemented-max-age-less-than-six-months": -10,
    "hsts-not-implemented": -20,
    "hsts-header-invalid": -20,
    "hsts-not-implemented-no-https": -20,
    "sri-implemented-and-all-scripts-loaded-securely": 5,
    "sri-implemented-and-external-scripts-loaded-securely": 5,
    "sri-not-implemented-response-not-html": 0,
    "sri-not-implemented-but-no-scripts-loaded": 0,
    "sri-not-implemented-but-all-scripts-loaded-from-secure-origin": 0,
    "sri-not-implemented-but-external-scripts-loaded-securely": -5,
    "sri-implemented-but-external-scripts-not-loaded-securely": -20,
    "sri-not-implemented-and-external-scripts-not-loaded-securely": -50,
    "x-content-type-options-nosniff": 0,
    "x-content-type-options-not-implemented": -5,
    "x-content-type-options-header-invalid": -5,
    "x-frame-options-implemented-via-csp": 5,
    "x-frame-options-sameorigin-or-deny": 0,
    "x-frame-options-allow-from-origin": 0,
    "x-frame-options-not-implemented": -20,
    "x-frame-options-header-invalid": -20,
    "cross-origin-resource-policy-not-implemented": 0,
    "cross-origin-resource-policy-implemented-with-same-origin": 10,
    "cross-origin-resource-policy-implemented-with-same-site": 10,
    "cross-origin-resource-policy-implemented-with-cross-origin": 0,
    "cross-origin-resource-policy-header-invalid": -5,
}

GRADES = [
    (100, "A+"), (90, "A"), (85, "A-"), (80, "B+"), (70, "B"), (65, "B-"), (60, "C+"),
    (50, "C"), (45, "C-"), (40, "D+"), (30, "D"), (25, "D-"), (0, "F"),
]  # fmt: skip

BROAD = {"ftp:", "http:", "https:", "*", "http://*", "http://*.*", "https://*", "https://*.*"}
UNSAFE_INLINE = {"'unsafe-inline'", "data:"}
NONCE_OR_HASH = ("'sha256-", "'sha384-", "'sha512-", "'nonce-")
PRIVATE_REFERRERS = {
    "no-referrer",
    "same-origin",
    "strict-origin",
    "strict-origin-when-cross-origin",
}
UNSAFE_REFERRERS = {
    "origin",
    "origin-when-cross-origin",
    "unsafe-url",
    "no-referrer-when-downgrade",
}
HTML_TYPES = {"text/html", "application/xhtml+xml"}


@dataclass(frozen=True)
class Result:
    test: str
    expectation: str

    @property
    def modifier(self) -> int:
        return MODIFIERS[self.expectation]


@dataclass
class Report:
    score: int
    grade: str
    results: list[Result] = field(default_factory=list)

    @property
    def penalties(self) -> list[Result]:
        return [r for r in self.results if r.modifier < 0]

    def __str__(self) -> str:
        lines = [f"{self.grade} ({self.score})"]
        lines += [f"  {r.modifier:+d} {r.test}: {r.expectation}" for r in self.results]
        return "\n".join(lines)


class Headers:
    """Response headers by lower-case name, each with every value it was sent with."""

    def __init__(self, pairs: Iterable[tuple[str, str]]):
        self._values: dict[str, list[str]] = {}
        for name, value in pairs:
            self._values.setdefault(name.lower(), []).append(value)

    def all(self, name: str) -> list[str]:
        return self._values.get(name.lower(), [])

    def first(self, name: str) -> str | None:
        values = self.all(name)
        return values[0] if values else None


def grade(
    *,
    url: str,
    headers: Iterable[tuple[str, str]],
    body: str = "",
    http_redirects: list[str] | None = None,
    preloaded: bool = False,
) -> Report:
    """Grade one response.

    `headers` are (name, value) pairs as sent, Set-Cookie once per cookie.
    `http_redirects` is the chain of addresses a plain-HTTP request for the
    same host was sent to ([] if it was not redirected, None if nothing
    answers on HTTP).
    """
    h = Headers(headers)
    https = urlsplit(url).scheme == "https"
    csp_result, csp = content_security_policy(h, https=https)
    hsts = strict_transport_security(h, https=https, preloaded=preloaded)
    results = [
        csp_result,
        cookies(h, hsts_passes=hsts.modifier >= 0),
        cross_origin_resource_sharing(h),
        redirection(url, http_redirects),
        referrer_policy(h),
        hsts,
        subresource_integrity(h, body, url=url),
        x_content_type_options(h),
        x_frame_options(h, csp),
        cross_origin_resource_policy(h),
    ]
    with_extra_credit = 100 + sum(r.modifier for r in results)
    uncurved = 100 + sum(r.modifier for r in results if r.modifier < 0)
    score = with_extra_credit if uncurved >= MINIMUM_SCORE_FOR_EXTRA_CREDIT else uncurved
    score = max(score, 0)
    letter = next(letter for floor, letter in GRADES if min(score, 100) >= floor)
    return Report(score=score, grade=letter, results=results)


# Content-Security-Policy ------------------------------------------------------


class InvalidPolicy(ValueError):
    pass


def parse_csp(policies: list[str]) -> dict[str, set[str]]:
    directives: dict[str, set[str]] = {}
    for policy in policies:
        for part in policy.split(";"):
            tokens = part.strip().split()
            if not tokens:
                continue
            name = tokens[0].lower()
            if not all(ch.isalnum() or ch == "-" for ch in name):
                raise InvalidPolicy(name)
            sources = {t if t.startswith(NONCE_OR_HASH) else t.lower() for t in tokens[1:]}
            # The first of a repeated directive is the one browsers use.
            directives.setdefault(name, sources)
    return directives


def content_security_policy(h: Headers, *, https: bool) -> tuple[Result, dict[str, set[str]]]:
    test = "content-security-policy"
    policies = [p.strip() for value in h.all("Content-Security-Policy") for p in value.split(",")]
    policies = [p for p in policies if p]
    try:
        csp = parse_csp(policies)
    except InvalidPolicy:
        return Result(test, "csp-header-invalid"), {}
    if not csp:
        return Result(test, "csp-not-implemented"), {}

    default = csp.get("default-src")
    script_src = set(csp.get("script-src") or default or {"*"})
    style_src = set(csp.get("style-src") or default or {"*"})
    object_src = set(csp.get("object-src") or default or {"*"})
    for sources in (script_src, style_src):
        if any(s.startswith(NONCE_OR_HASH) for s in sources):
            sources.discard("'unsafe-inline'")
    if "'strict-dynamic'" in script_src:
        if not any(s.startswith(NONCE_OR_HASH) for s in script_src):
            return Result(test, "csp-header-invalid"), csp
        script_src = {
            s
            for s in script_src
            if not any(s.startswith(b) for b in BROAD) and s not in {"'self'", "'unsafe-inline'"}
        }

    passive = {"img-src", "media-src"}
    active_sources = {s for d, v in csp.items() if d not in passive | {"script-src"} for s in v}
    active_sources |= script_src
    passive_sources = {s for d in passive for s in (csp.get(d) or default or set())}

    def insecure(sources):
        return any(s.startswith(("http:", "ftp:")) for s in sources)

    # The first failing check, in the Observatory's order, is the result.
    if script_src & (BROAD | UNSAFE_INLINE) or object_src & BROAD:
        expectation = "csp-implemented-with-unsafe-inline"
    elif https and insecure(active_sources):
        expectation = "csp-implemented-with-insecure-scheme"
    elif "'unsafe-eval'" in script_src | style_src:
        expectation = "csp-implemented-with-unsafe-eval"
    elif https and insecure(passive_sources):
        expectation = "csp-implemented-with-insecure-scheme-in-passive-content-only"
    elif style_src & (BROAD | UNSAFE_INLINE):
        expectation = "csp-implemented-with-unsafe-inline-in-style-src-only"
    elif default == {"'none'"}:
        expectation = "csp-implemented-with-no-unsafe-default-src-none"
    else:
        expectation = "csp-implemented-with-no-unsafe"
    return Result(test, expectation), csp


# Cookies ----------------------------------------------------------------------


def cookies(h: Headers, *, hsts_passes: bool) -> Result:
    test = "cookies"
    # From best to worst: a cookie can only make the result worse.
    order = [
        "cookies-without-secure-flag-but-protected-by-hsts",
        "cookies-without-secure-flag",
        "cookies-session-without-secure-flag-but-protected-by-hsts",
        "cookies-samesite-flag-invalid",
        "cookies-anticsrf-without-samesite-flag",
        "cookies-session-without-httponly-flag",
        "cookies-session-without-secure-flag",
    ]
    worst: str | None = None

    def worse(expectation):
        nonlocal worst
        if worst is None or order.index(expectation) > order.index(worst):
            worst = expectation

    found = []
    for raw in h.all("Set-Cookie"):
        for part in raw.split(";")[1:]:
            key, _, value = part.strip().partition("=")
            if key.strip().lower() == "samesite" and value.strip().lower() not in {
                "lax",
                "strict",
                "none",
            }:
                worse("cookies-samesite-flag-invalid")
        jar = SimpleCookie()
        try:
            jar.load(raw)
        except CookieError:
            continue
        found.extend(jar.values())
    if not found:
        return Result(test, "cookies-not-found")

    missing_samesite = False
    for cookie in found:
        name = cookie.key.lower()
        secure, httponly = bool(cookie["secure"]), bool(cookie["httponly"])
        samesite = cookie["samesite"].lower()
        session = "login" in name or "sess" in name
        if not secure and samesite == "none":
            worse("cookies-samesite-flag-invalid")
        if not secure:
            worse(
                "cookies-without-secure-flag-but-protected-by-hsts"
                if hsts_passes
                else "cookies-without-secure-flag"
            )
        if "csrf" in name and not samesite:
            worse("cookies-anticsrf-without-samesite-flag")
        if session and not secure:
            worse(
                "cookies-session-without-secure-flag-but-protected-by-hsts"
                if hsts_passes
                else "cookies-session-without-secure-flag"
            )
        if session and not httponly:
            worse("cookies-session-without-httponly-flag")
        missing_samesite = missing_samesite or not samesite
    if worst:
        return Result(test, worst)
    if missing_samesite:
        return Result(test, "cookies-secure-with-httponly-sessions")
    return Result(test, "cookies-secure-with-httponly-sessions-and-samesite")


# The others -------------------------------------------------------------------


def cross_origin_resource_sharing(h: Headers) -> Result:
    test = "cross-origin-resource-sharing"
    allow_origin = (h.first("Access-Control-Allow-Origin") or "").strip().lower()
    if not allow_origin:
        return Result(test, "cross-origin-resource-sharing-not-implemented")
    if allow_origin == "*":
        return Result(test, "cross-origin-resource-sharing-implemented-with-public-access")
    credentials = (h.first("Access-Control-Allow-Credentials") or "").strip().lower() == "true"
    if allow_origin == OBSERVATORY_ORIGIN and credentials:
        return Result(test, "cross-origin-resource-sharing-implemented-with-universal-access")
    return Result(test, "cross-origin-resource-sharing-implemented-with-restricted-access")


def redirection(url: str, http_redirects: list[str] | None) -> Result:
    test = "redirection"
    if http_redirects is None:
        return Result(test, "redirection-not-needed-no-http")
    if not http_redirects:
        return Result(test, "redirection-missing")
    first, final = urlsplit(http_redirects[0]), urlsplit(http_redirects[-1])
    if final.scheme != "https":
        return Result(test, "redirection-not-to-https")
    if first.scheme != "https":
        return Result(test, "redirection-not-to-https-on-initial-redirection")
    if first.hostname != urlsplit(url).hostname:
        return Result(test, "redirection-off-host-from-http")
    return Result(test, "redirection-to-https")


def referrer_policy(h: Headers) -> Result:
    test = "referrer-policy"
    values = h.all("Referrer-Policy")
    if not values:
        return Result(test, "referrer-policy-not-implemented")
    tokens = [t.strip().lower() for v in values for t in v.split(",")]
    valid = [t for t in tokens if t in PRIVATE_REFERRERS | UNSAFE_REFERRERS]
    if not valid:
        return Result(test, "referrer-policy-header-invalid")
    # Browsers use the last policy they understand.
    if valid[-1] in PRIVATE_REFERRERS:
        return Result(test, "referrer-policy-private")
    return Result(test, "referrer-policy-unsafe")


def strict_transport_security(h: Headers, *, https: bool, preloaded: bool) -> Result:
    test = "strict-transport-security"
    if not https:
        return Result(test, "hsts-not-implemented-no-https")
    value = h.first("Strict-Transport-Security")
    if value is None:
        return Result(test, "hsts-preloaded" if preloaded else "hsts-not-implemented")
    max_age = None
    for part in value.split(";"):
        key, _, number = part.strip().partition("=")
        if key.strip().lower() == "max-age":
            try:
                max_age = int(number.strip().strip('"'))
            except ValueError:
                return Result(test, "hsts-header-invalid")
    if max_age is None:
        return Result(test, "hsts-header-invalid")
    if preloaded:
        return Result(test, "hsts-preloaded")
    if max_age < SIX_MONTHS:
        return Result(test, "hsts-implemented-max-age-less-than-six-months")
    return Result(test, "hsts-implemented-max-age-at-least-six-months")


class _Scripts(HTMLParser):
    def __init__(self):
        super().__init__()
        self.scripts: list[dict[str, str | None]] = []

    def handle_starttag(self, tag, attrs):
        if tag == "script":
            self.scripts.append(dict(attrs))


def _site(host: str) -> str:
    return ".".join((host or "").split(".")[-2:])


def subresource_integrity(h: Headers, body: str, *, url: str) -> Result:
    test = "subresource-integrity"
    mime = (h.first("Content-Type") or "").split(";")[0].strip().lower()
    if mime and mime not in HTML_TYPES:
        return Result(test, "sri-not-implemented-response-not-html")
    parser = _Scripts()
    parser.feed(body)
    if not parser.scripts:
        return Result(test, "sri-not-implemented-but-no-scripts-loaded")
    order = [
        "sri-implemented-and-all-scripts-loaded-securely",
        "sri-implemented-and-external-scripts-loaded-securely",
        "sri-implemented-but-external-scripts-not-loaded-securely",
        "sri-not-implemented-but-external-scripts-loaded-securely",
        "sri-not-implemented-and-external-scripts-not-loaded-securely",
    ]
    result = None
    foreign = False
    page = urlsplit(url)
    for script in parser.scripts:
        src = script.get("src")
        if not src:
            continue
        integrity = script.get("integrity")
        protocol_relative = src.startswith("//") and not src.startswith("///")
        absolute = src.startswith(("http://", "https://"))
        relative = not protocol_relative and not absolute
        same_site = (
            relative or protocol_relative or _site(urlsplit(src).hostname) == _site(page.hostname)
        )
        secure_origin = relative or (same_site and not protocol_relative)
        secure_scheme = (absolute and src.startswith("https://")) or (
            relative and page.scheme == "https"
        )
        if not secure_origin:
            foreign = True
            if integrity and not secure_scheme:
                found = "sri-implemented-but-external-scripts-not-loaded-securely"
            elif not integrity and secure_scheme:
                found = "sri-not-implemented-but-external-scripts-loaded-securely"
            elif not integrity:
                found = "sri-not-implemented-and-external-scripts-not-loaded-securely"
            else:
                continue
            if result is None or order.index(found) > order.index(result):
                result = found
        elif integrity and secure_scheme and result is None:
            result = "sri-implemented-and-all-scripts-loaded-securely"
    if result is None:
        result = (
            "sri-implemented-and-external-scripts-loaded-securely"
            if foreign
            else "sri-not-implemented-but-all-scripts-loaded-from-secure-origin"
        )
    return Result(test, result)


def x_content_type_options(h: Headers) -> Result:
    test = "x-content-type-options"
    value = h.first("X-Content-Type-Options")
    if value is None:
        return Result(test, "x-content-type-options-not-implemented")
    if value.strip().lower() == "nosniff":
        return Result(test, "x-content-type-options-nosniff")
    return Result(test, "x-content-type-options-header-invalid")


def x_frame_options(h: Headers, csp: dict[str, set[str]]) -> Result:
    test = "x-frame-options"
    ancestors = csp.get("frame-ancestors")
    if ancestors is not None and not ancestors & BROAD:
        return Result(test, "x-frame-options-implemented-via-csp")
    value = h.first("X-Frame-Options")
    if value is None:
        return Result(test, "x-frame-options-not-implemented")
    value = value.strip().lower()
    if value in {"deny", "sameorigin"}:
        return Result(test, "x-frame-options-sameorigin-or-deny")
    if value.startswith("allow-from "):
        return Result(test, "x-frame-options-allow-from-origin")
    return Result(test, "x-frame-options-header-invalid")


def cross_origin_resource_policy(h: Headers) -> Result:
    test = "cross-origin-resource-policy"
    value = h.first("Cross-Origin-Resource-Policy")
    if not value:
        return Result(test, "cross-origin-resource-policy-not-implemented")
    expectation = {
        "same-origin": "cross-origin-resource-policy-implemented-with-same-origin",
        "same-site": "cross-origin-resource-policy-implemented-with-same-site",
        "cross-origin": "cross-origin-resource-policy-implemented-with-cross-origin",
    }.get(value[:256].strip().lower(), "cross-origin-resource-policy-header-invalid")
    return Result(test, expectation)
