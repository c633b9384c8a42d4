"""The Observatory grader itself, on header sets whose grade is known."""

from tests.security.observatory import grade

URL = "https://send.example.org/"
STRICT = [
    ("Content-Security-Policy", "default-src 'none'; script-src 'self'; style-src 'self'; "
     "img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"),
    ("Strict-Transport-Security", "max-age=63072000; includeSubDomains"),
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "strict-origin-when-cross-origin"),
    ("X-Frame-Options", "DENY"),
    ("Cross-Origin-Resource-Policy", "same-origin"),
    ("Content-Type", "text/html; charset=utf-8"),
]  # fmt: skip
REDIRECTED = [URL]


def _modifiers(report):
    return {r.test: r.modifier for r in report.results}


def test_a_strict_site_scores_a_plus_with_every_bonus():
    report = grade(url=URL, headers=STRICT, body="<script src='/s.js'></script>",
                   http_redirects=REDIRECTED)  # fmt: skip
    assert report.grade == "A+"
    assert report.score == 100 + 10 + 5 + 5 + 10
    assert not report.penalties


def test_no_headers_at_all_is_an_f():
    report = grade(url=URL, headers=[], http_redirects=[])
    # CSP -25, HSTS -20, XCTO -5, XFO -20, redirection -20: 100 - 90.
    assert report.score == 10
    assert report.grade == "F"


def test_bonuses_do_not_count_below_an_a():
    headers = [h for h in STRICT if h[0] != "Strict-Transport-Security"]
    report = grade(url=URL, headers=headers, http_redirects=REDIRECTED)
    assert report.score == 80  # 100 - 20, the bonuses ignored
    assert report.grade == "B+"


def test_unsafe_inline_script_is_penalised():
    csp = "default-src 'self'; script-src 'self' 'unsafe-inline'"
    headers = [("Content-Security-Policy", csp)]
    report = grade(url=URL, headers=headers + STRICT[1:], http_redirects=REDIRECTED)
    assert _modifiers(report)["content-security-policy"] == -20
    # Without frame-ancestors the X-Frame-Options header is what counts.
    assert _modifiers(report)["x-frame-options"] == 0


def test_a_nonce_cancels_unsafe_inline_for_old_browsers():
    csp = "default-src 'none'; script-src 'nonce-abc' 'unsafe-inline'; frame-ancestors 'none'"
    report = grade(url=URL, headers=[("Content-Security-Policy", csp), *STRICT[1:]],
                   http_redirects=REDIRECTED)  # fmt: skip
    assert _modifiers(report)["content-security-policy"] == 10


def test_unsafe_eval_and_inline_styles():
    eval_csp = [("Content-Security-Policy", "default-src 'self'; script-src 'self' 'unsafe-eval'")]
    style_csp = [("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'")]
    assert _modifiers(grade(url=URL, headers=eval_csp))["content-security-policy"] == -10
    assert _modifiers(grade(url=URL, headers=style_csp))["content-security-policy"] == 0


def test_session_cookie_without_httponly_or_secure():
    base = [*STRICT, ("Set-Cookie", "sessionid=abc; Path=/; Secure; SameSite=Lax")]
    assert _modifiers(grade(url=URL, headers=base))["cookies"] == -30
    insecure = [*STRICT, ("Set-Cookie", "sessionid=abc; Path=/; HttpOnly")]
    # HSTS protects it a little: -10 rather than -40.
    assert _modifiers(grade(url=URL, headers=insecure))["cookies"] == -10
    good = [
        *STRICT,
        ("Set-Cookie", "sessionid=abc; Path=/; Secure; HttpOnly; SameSite=Lax"),
        ("Set-Cookie", "csrftoken=x; Path=/; Secure; SameSite=Lax"),
    ]
    assert _modifiers(grade(url=URL, headers=good))["cookies"] == 5
    no_samesite = [*STRICT, ("Set-Cookie", "csrftoken=x; Path=/; Secure")]
    assert _modifiers(grade(url=URL, headers=no_samesite))["cookies"] == -20


def test_hsts_shorter_than_six_months_and_invalid():
    short = [("Strict-Transport-Security", "max-age=86400")]
    invalid = [("Strict-Transport-Security", "includeSubDomains")]
    assert _modifiers(grade(url=URL, headers=short))["strict-transport-security"] == -10
    assert _modifiers(grade(url=URL, headers=invalid))["strict-transport-security"] == -20


def test_referrer_policy_uses_the_last_value_browsers_know():
    def modifier(value):
        return _modifiers(grade(url=URL, headers=[("Referrer-Policy", value)]))["referrer-policy"]

    assert modifier("no-referrer") == 5
    assert modifier("unsafe-url") == -5
    assert modifier("no-referrer, unsafe-url") == -5
    assert modifier("unsafe-url, nonsense, same-origin") == 5
    assert modifier("nonsense") == -5


def test_redirection_from_http():
    def modifier(chain):
        return _modifiers(grade(url=URL, headers=[], http_redirects=chain))["redirection"]

    assert modifier([URL]) == 0
    assert modifier(None) == 0
    assert modifier([]) == -20
    assert modifier(["http://send.example.org/x", URL]) == -10
    assert modifier(["https://elsewhere.example.com/"]) == -5


def test_cors_reflecting_the_origin_with_credentials():
    headers = [
        ("Access-Control-Allow-Origin", "https://http-observatory.security.mozilla.org"),
        ("Access-Control-Allow-Credentials", "true"),
    ]
    assert _modifiers(grade(url=URL, headers=headers))["cross-origin-resource-sharing"] == -50
    public = [("Access-Control-Allow-Origin", "*")]
    assert _modifiers(grade(url=URL, headers=public))["cross-origin-resource-sharing"] == 0


def test_external_scripts_need_integrity():
    def sri(headers, body):
        return _modifiers(grade(url=URL, headers=headers, body=body))["subresource-integrity"]

    html = [("Content-Type", "text/html")]
    external = '<script src="https://cdn.example.com/x.js"></script>'
    with_sri = '<script src="https://cdn.example.com/x.js" integrity="sha384-x"></script>'
    plain_http = '<script src="http://cdn.example.com/x.js"></script>'
    assert sri(html, external) == -5
    assert sri(html, with_sri) == 5
    assert sri(html, plain_http) == -50
    csv = [("Content-Type", "text/csv")]
    assert sri(csv, external) == 0


def test_x_content_type_options_and_corp():
    assert (
        _modifiers(grade(url=URL, headers=[("X-Content-Type-Options", "sniff")]))[
            "x-content-type-options"
        ]
        == -5
    )
    assert (
        _modifiers(grade(url=URL, headers=[("Cross-Origin-Resource-Policy", "same-site")]))[
            "cross-origin-resource-policy"
        ]
        == 10
    )
    assert (
        _modifiers(grade(url=URL, headers=[("Cross-Origin-Resource-Policy", "nope")]))[
            "cross-origin-resource-policy"
        ]
        == -5
    )
