"""Browser tests: Debian's Chromium driven by Playwright (sync API) against pytest-django's
live_server, with the real Kecamatan Jati demo file loaded.

One browser for all of them, a fresh context (cookies, storage) per test. Screenshots of each key
step go to test-artifacts/browser/ (gitignored); a failing test leaves FAILED-<test>.png there."""

import os
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in the test thread; Django would refuse ORM calls
# made from that thread (fixtures, DB checks) as "async-unsafe" without this.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "test-artifacts" / "browser"
DEMO_FILE = REPO / "src" / "sakip" / "demo" / "data" / "kecamatan-jati.yaml"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PASSWORD = "x"  # tests.personas.make_user


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture(scope="package")
def browser():
    """One Chromium for all the browser tests; closed after the last one, so that no Playwright
    event loop is left in the test thread for the rest of the suite."""
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} is missing: apt-get install -y chromium (.ci/run does)")
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for stale in ARTIFACTS.glob("FAILED-*.png"):
        stale.unlink()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


def _new_page(browser, live_server, request, **options):
    context = browser.new_context(
        base_url=live_server.url,
        locale="id-ID",
        timezone_id="Asia/Jakarta",
        **options,
    )
    context.set_default_timeout(10_000)
    page = context.new_page()
    return context, page


@pytest.fixture
def page(browser, live_server, request):
    """A desktop page (1280×800) in a fresh browser context."""
    context, page = _new_page(
        browser, live_server, request, viewport={"width": 1280, "height": 800}
    )
    yield page
    _keep_failure(page, request)
    context.close()


@pytest.fixture
def phone(browser, live_server, request):
    """A phone-sized page (390×844, touch, 2× pixels) in a fresh browser context."""
    context, page = _new_page(
        browser,
        live_server,
        request,
        viewport={"width": 390, "height": 844},
        device_scale_factor=2,
        is_mobile=True,
        has_touch=True,
    )
    yield page
    _keep_failure(page, request)
    context.close()


def _keep_failure(page, request):
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed:
        try:
            page.screenshot(path=ARTIFACTS / f"FAILED-{request.node.name}.png", full_page=True)
        except Exception:  # the page may be gone; the assertion error is what matters
            pass


@pytest.fixture
def shot():
    """shot(page, "01-login.png") saves a full-page screenshot; full_page=False: the viewport;
    top=N: the first N pixels of the page."""

    def take(page, name, full_page=True, top=None):
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        if top:
            clip = {"x": 0, "y": 0, "width": page.viewport_size["width"], "height": top}
            page.screenshot(path=ARTIFACTS / name, full_page=True, clip=clip)
        else:
            page.screenshot(path=ARTIFACTS / name, full_page=full_page)

    return take


@pytest.fixture
def jati(live_server):
    """The real demo file, loaded as `sakip demo` loads it: Kecamatan Jati, Kabupaten Blora."""
    from sakip.dataset import load_file
    from sakip.organisasi.models import PerangkatDaerah

    load_file(DEMO_FILE)
    return PerangkatDaerah.objects.select_related("pemda").get(slug="kecamatan-jati")


@pytest.fixture
def operator(jati):
    from tests.personas import make_user

    return make_user(jati.pemda, "operator", jati, name="operator-jati")


@pytest.fixture
def pimpinan(jati):
    from tests.personas import make_user

    return make_user(jati.pemda, "pimpinan", jati, name="camat-jati")


@pytest.fixture
def login():
    """login(page, user): through the real form at /masuk/, as a person types it."""
    from playwright.sync_api import expect

    def log_in(page, user, screenshot=None):
        page.goto("/masuk/")
        expect(page.get_by_role("heading", name="Masuk ke sakip")).to_be_visible()
        page.get_by_label("Nama akun").fill(user.username)
        page.get_by_label("Kata sandi").fill(PASSWORD)
        if screenshot:
            screenshot(page)
        page.get_by_role("button", name="Masuk").click()
        page.wait_for_url(lambda url: "/masuk/" not in url)
        expect(page.locator("header .who")).to_contain_text(user.username)

    return log_in


@pytest.fixture
def logout():
    from playwright.sync_api import expect

    def log_out(page):
        page.locator("header").get_by_role("button", name="Keluar").click()
        page.wait_for_url("**/masuk/")
        expect(page.get_by_role("heading", name="Masuk ke sakip")).to_be_visible()

    return log_out
