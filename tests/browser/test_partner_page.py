"""A partner's page on another origin, as a partner would build one: it reads
the API from JavaScript, revalidating with the ETag it was given, and frames an
embed, while isolating itself (Cross-Origin-Embedder-Policy: require-corp), so
everything it loads from this site must say it may be loaded cross-origin."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

pytestmark = pytest.mark.browser

API = "/api/v1/measures/ehcp-20-weeks/"
EMBED = "/embed/measures/ehcp-20-weeks/"

PAGE = """<!DOCTYPE html>
<html lang="en"><head><title>A partner's page</title></head><body>
<h1>Our local area's progress</h1>
<iframe src="{site}{embed}" title="Plans issued within 20 weeks" width="800" height="700"></iframe>
<script>
async function readTwice() {{
  const first = await fetch("{site}{api}");
  await first.json();
  const etag = first.headers.get("ETag");
  const second = await fetch("{site}{api}", {{headers: {{"If-None-Match": etag}}}});
  return {{first: first.status, etag: etag, second: second.status}};
}}
readTwice().then(
  result => {{ window.apiResult = result; }},
  error => {{ window.apiResult = {{error: String(error)}}; }},
);
</script>
</body></html>
"""


@pytest.fixture
def partner_origin(live_demo):
    """A partner's web server on another port (so another origin) of this machine."""
    html = PAGE.format(site=live_demo.url, api=API, embed=EMBED).encode()

    class Partner(BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            # Cross-origin isolated: nothing cross-origin loads without CORS or CORP.
            self.send_header("Cross-Origin-Embedder-Policy", "require-corp")
            self.send_header("Cross-Origin-Opener-Policy", "same-origin")
            self.end_headers()
            self.wfile.write(html)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Partner)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_a_partner_page_reads_the_api_with_its_etag_and_frames_an_embed(
    page, live_demo, partner_origin, settings
):
    settings.EMBED_ALLOWED_ORIGINS = [partner_origin]
    assert not live_demo.url.startswith(partner_origin)
    page.goto(partner_origin + "/")
    assert page.evaluate("crossOriginIsolated"), "the partner page must be isolated"

    page.wait_for_function("window.apiResult !== undefined", timeout=30_000)
    result = page.evaluate("window.apiResult")
    assert "error" not in result, result  # e.g. "TypeError: Failed to fetch"
    assert result["first"] == 200
    assert result["etag"]
    assert result["second"] == 304  # not modified, and JavaScript may read that

    frame = page.frame_locator("iframe")
    assert "plans issued within 20 weeks" in frame.locator("h1").inner_text(timeout=30_000)
