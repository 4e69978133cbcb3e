#!/usr/bin/python3
"""e2e_browser: the whole product in a real browser, headless Chromium with JavaScript off.

Usage: e2e_browser.py BASE_URL OUT_DIR [LOOP_DB]

Drives a running trackpro (nginx + `trackpro serve`, see tests/e2e_browser.sh) through its own
forms the way a person without JavaScript would: register, create a habit and a tracker with
tasks, tick tasks off on Today with the batch form, add a day note, create a goal, import a
Loop Habit Tracker backup (LOOP_DB; the step is skipped with a notice when it is not given),
open the dashboard and a heatmap, create a share link, log out, open the link in a fresh
browser, log in again and turn the link off, and see the link answer 404.

It saves full-page screenshots of Today, a tracker, the dashboard and the share page in OUT_DIR
and fails on: a console message of level SEVERE on any page visited, a broken same-origin link,
image or stylesheet (status 400 or more, fetched with the browser's cookies) on those pages, and
any page without a <title> or an <h1>. One line per step; exit 0 pass, 1 fail, 77 skip (no
Chromium, chromedriver or Selenium).

Runs with Debian's /usr/bin/python3 and python3-selenium; CHROMIUM and CHROMEDRIVER override
/usr/bin/chromium and /usr/bin/chromedriver.
"""
import base64
import html.parser
import math
import os
import re
import shutil
import sys
import tempfile
import time
import traceback
import urllib.error
import urllib.parse
import urllib.request

try:
    from selenium import webdriver
    from selenium.common.exceptions import TimeoutException, WebDriverException
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait
except ImportError as e:
    print(f"SKIP: python3-selenium is not installed ({e})")
    sys.exit(77)

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")
EMAIL = "robin@example.org"
PASSWORD = "tea before sunrise"
WAIT = 20  # seconds any one page may take to arrive after a click


class Failure(Exception):
    """A step that cannot go on; the run stops there."""


class Run:
    """The state of one run: the base URL, where screenshots go, and the problems found."""

    def __init__(self, base, out):
        self.base = base.rstrip("/")
        self.origin = urllib.parse.urlsplit(self.base)[:2]
        self.out = out
        self.problems = []
        self.step_no = 0
        self.step_name = ""
        self.profiles = []
        self.started = time.monotonic()

    def step(self, name):
        self.step_no += 1
        self.step_name = name
        print(f"step {self.step_no} ({time.monotonic() - self.started:.1f} s): {name}", flush=True)

    def problem(self, text):
        """A failure that does not stop the run; reported at the end and as it happens."""
        line = redact(f"FAIL at step {self.step_no} ({self.step_name}): {text}")
        print(line, flush=True)
        self.problems.append(line)

    def url(self, path):
        return self.base + path

    def same_origin(self, url):
        return urllib.parse.urlsplit(url)[:2] == self.origin

    # --- browsers -------------------------------------------------------------------------

    def browser(self):
        """A new headless Chromium with its own fresh profile (a fresh context: no cookies)."""
        profile = tempfile.mkdtemp(prefix="trackpro-chromium-")
        self.profiles.append(profile)
        o = webdriver.ChromeOptions()
        o.binary_location = CHROMIUM
        for a in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                  "--window-size=1280,900", "--no-first-run", "--no-default-browser-check",
                  "--disable-extensions", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--lang=en-US",
                  f"--user-data-dir={profile}"):
            o.add_argument(a)
        o.add_experimental_option("prefs", {"profile.managed_default_content_settings.javascript": 2})
        o.set_capability("goog:loggingPrefs", {"browser": "ALL"})
        d = webdriver.Chrome(service=Service(CHROMEDRIVER), options=o)
        d.set_page_load_timeout(WAIT)
        return d

    def close(self, *drivers):
        for d in drivers:
            if d is not None:
                try:
                    d.quit()
                except WebDriverException:
                    pass
        for p in self.profiles:
            shutil.rmtree(p, ignore_errors=True)
        self.profiles = []

    # --- pages ----------------------------------------------------------------------------

    def console(self, d, allow=None):
        """Reports SEVERE console messages since the last call (allow: a regex of expected ones)."""
        for entry in d.get_log("browser"):
            msg = entry.get("message", "")
            if entry.get("level") == "SEVERE":
                if allow and re.search(allow, msg):
                    print(redact(f"  expected console message: {msg}"))
                    continue
                self.problem(f"console {entry.get('source', '')} SEVERE on {d.current_url}: {msg}")
            else:
                print(redact(f"  console {entry.get('level')}: {msg}"))

    def check_page(self, d, allow_console=None):
        """Every page: a <title> with text, an <h1> with text, no SEVERE console message."""
        where = urllib.parse.urlsplit(d.current_url).path
        title = d.title.strip()
        if not title or title.startswith("·"):
            self.problem(f"page {where} has no <title> text (title: {title!r})")
        h1 = d.find_elements(By.TAG_NAME, "h1")
        if not h1:
            self.problem(f"page {where} has no <h1>")
        elif not h1[0].text.strip():
            self.problem(f"page {where} has an empty <h1>")
        self.console(d, allow_console)
        print(redact(f"  page {where}: title {title!r}, h1 {h1[0].text.strip() if h1 else None!r}"))

    def open(self, d, path, allow_console=None):
        d.get(path if path.startswith("http") else self.url(path))
        self.check_page(d, allow_console)

    def click(self, d, element, allow_console=None):
        """Clicks element (a submit button or a link) and waits until the next page has loaded:
        the old document carries a mark (set by the driver; the page's own scripts are off) that
        a new document lacks. Errors while the page is changing are retried."""
        label = element.text.strip() or element.get_attribute("outerHTML")[:80]
        d.execute_script("document.e2eOld = true")
        element.click()
        try:
            WebDriverWait(d, WAIT, ignored_exceptions=(WebDriverException,)).until(
                lambda drv: drv.execute_script(
                    "return document.e2eOld === undefined && document.readyState === 'complete'"))
        except TimeoutException:
            raise Failure(f"no new page {WAIT} s after clicking {label!r} on {d.current_url}") from None
        self.check_page(d, allow_console)

    def h1(self, d):
        return d.find_element(By.TAG_NAME, "h1").text.strip()

    def expect_h1(self, d, text):
        h = self.h1(d)
        if text not in h:
            raise Failure(f"expected the <h1> to hold {text!r}, found {h!r} on {d.current_url}")

    def expect_text(self, d, text):
        body = d.find_element(By.TAG_NAME, "body").text
        if text not in body:
            raise Failure(f"expected {text!r} on {d.current_url}")

    def button(self, scope, label):
        """The submit button whose visible text is label, inside scope (a driver or an element)."""
        found = scope.find_elements(By.XPATH, f".//button[normalize-space()={xpath_str(label)}]")
        if not found:
            raise Failure(f"no button {label!r}")
        return found[0]

    def fill(self, d, field_id, value):
        e = d.find_element(By.ID, field_id)
        e.clear()
        e.send_keys(value)

    def tracker_id(self, d):
        m = re.search(r"/trackers/(\d+)", d.current_url)
        if not m:
            raise Failure(f"not on a tracker's page: {d.current_url}")
        return m.group(1)

    # --- screenshots and links ------------------------------------------------------------

    def screenshot(self, d, name):
        """A full-page PNG of the page shown, OUT_DIR/name.png."""
        m = d.execute_cdp_cmd("Page.getLayoutMetrics", {})
        size = m.get("cssContentSize") or m["contentSize"]
        w, h = math.ceil(size["width"]), math.ceil(size["height"])
        shot = d.execute_cdp_cmd("Page.captureScreenshot", {
            "format": "png", "captureBeyondViewport": True,
            "clip": {"x": 0, "y": 0, "width": w, "height": h, "scale": 1}})
        path = os.path.join(self.out, name + ".png")
        with open(path, "wb") as f:
            f.write(base64.b64decode(shot["data"]))
        print(f"  screenshot {path} ({w}x{h})")

    def failure_shots(self, *drivers):
        """After a failed step: a screenshot and the HTML of each browser's page, for reading."""
        for n, d in enumerate(drivers):
            if d is None:
                continue
            try:
                print(redact(f"  browser {n + 1} was on {d.current_url}"))
                self.screenshot(d, f"failure-{n + 1}")
                with open(os.path.join(self.out, f"failure-{n + 1}.html"), "w", encoding="utf-8") as f:
                    f.write(d.page_source)
            except WebDriverException as e:
                print(f"  no failure screenshot of browser {n + 1}: {e}")

    def check_links(self, d):
        """Fetches every same-origin <a href>, <img src>, <link href> and <use href> of the page
        with the browser's cookies; any answer of 400 or more is a broken link."""
        here = d.current_url
        parser = LinkParser()
        parser.feed(d.page_source)
        cookie = "; ".join(f"{c['name']}={c['value']}" for c in d.get_cookies())
        seen = set()
        for tag, ref in parser.refs:
            url = urllib.parse.urljoin(here, ref)
            url = urllib.parse.urldefrag(url)[0]
            if not self.same_origin(url) or url in seen:
                continue
            seen.add(url)
            if url == urllib.parse.urldefrag(here)[0]:
                continue  # the page itself (a share page would count one more visit)
            status = fetch_status(url, cookie)
            if status >= 400:
                self.problem(f"broken {tag} on {urllib.parse.urlsplit(here).path}: {ref} answers {status}")
        print(f"  {len(seen)} same-origin links and images checked")


class LinkParser(html.parser.HTMLParser):
    """Collects (tag, reference) for <a href>, <img src>, <link href> and <use href>."""

    def __init__(self):
        super().__init__()
        self.refs = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "a" and a.get("href"):
            self.refs.append(("link", a["href"]))
        elif tag == "img" and a.get("src"):
            self.refs.append(("image", a["src"]))
        elif tag == "link" and a.get("href"):
            self.refs.append(("<link>", a["href"]))
        elif tag == "use" and (a.get("href") or a.get("xlink:href")):
            self.refs.append(("<use>", a.get("href") or a.get("xlink:href")))

    handle_startendtag = handle_starttag


def fetch_status(url, cookie=""):
    """The HTTP status of a GET of url (redirects followed), with the given Cookie header."""
    req = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})
    try:
        with urllib.request.urlopen(req, timeout=WAIT) as r:
            r.read()
            return r.status
    except urllib.error.HTTPError as e:
        return e.code


def redact(text):
    """text with share-link tokens replaced by [token], as the app's and nginx's logs do."""
    return re.sub(r"/s/[A-Za-z0-9_-]{20,}", "/s/[token]", text)


def xpath_str(s):
    return "'" + s + "'" if "'" not in s else '"' + s + '"'


def check_js_off(run, d):
    """JavaScript is really off: a page's script does not run and its <noscript> is shown."""
    d.get("data:text/html,<title>js check</title><noscript><p id=ns>scripts are off</p></noscript>"
          "<p id=p>unchanged</p><script>document.getElementById('p').textContent='script ran'</script>")
    ns = d.find_elements(By.ID, "ns")
    if not ns or not ns[0].is_displayed() or d.find_element(By.ID, "p").text != "unchanged":
        raise Failure("JavaScript is not disabled in the browser")
    run.console(d)
    print("  the page's script did not run and its <noscript> is shown")


def scenario(run, loop_db):
    owner = visitor = None
    try:
        run.step("start headless Chromium with JavaScript disabled")
        owner = run.browser()
        check_js_off(run, owner)

        run.step("home page")
        run.open(owner, "/")

        run.step("register")
        run.open(owner, "/register")
        run.fill(owner, "email", EMAIL)
        run.fill(owner, "display_name", "Robin")
        run.fill(owner, "password", PASSWORD)
        run.fill(owner, "password_confirm", PASSWORD)
        run.click(owner, run.button(owner, "Create the account"))
        run.expect_h1(owner, "Today")
        run.expect_text(owner, "Nothing to track yet")

        run.step("create a habit (New habit form)")
        run.open(owner, "/trackers")
        run.click(owner, owner.find_element(By.LINK_TEXT, "New habit"))
        run.fill(owner, "name", "Drink water")
        run.click(owner, owner.find_element(By.CSS_SELECTOR, "form.stacked button[type=submit]"))
        run.expect_h1(owner, "Drink water")

        run.step("create a tracker with three tasks")
        run.open(owner, "/trackers/new")
        run.fill(owner, "name", "Morning routine")
        run.fill(owner, "description", "The first half hour of the day.")
        run.click(owner, owner.find_element(By.CSS_SELECTOR, "form.stacked button[type=submit]"))
        run.expect_h1(owner, "Morning routine")
        routine = run.tracker_id(owner)
        for task in ("Stretch", "Plan the day", "Read ten pages"):
            run.fill(owner, "quick_name", task)
            run.click(owner, run.button(owner.find_element(By.CSS_SELECTOR, "form.quick-add"), "Add"))
            run.expect_h1(owner, "Morning routine")
            run.expect_text(owner, task)

        run.step("check three of four tasks off on Today with the batch form")
        run.open(owner, "/")
        for task in ("Drink water", "Stretch", "Plan the day"):
            label = owner.find_element(By.XPATH, f"//label[normalize-space()={xpath_str(task)}]")
            box = owner.find_element(By.ID, label.get_attribute("for"))
            if not box.is_selected():
                box.click()
        run.click(owner, run.button(owner, "Save all check-ins"))
        run.expect_h1(owner, "Today")
        run.expect_text(owner, "3 of 4 done")

        run.step("add a note for the day")
        section = owner.find_element(By.XPATH, "//section[contains(@class,'tracker-day')][.//a[normalize-space()='Morning routine']]")
        section.find_element(By.XPATH, ".//summary[normalize-space()='Note for this day']").click()
        section.find_element(By.TAG_NAME, "textarea").send_keys("Slept well; stretching felt easy.")
        run.click(owner, run.button(section, "Save the note"))
        run.open(owner, "/")
        if "Slept well" not in owner.page_source:
            raise Failure("the note is not on Today after saving it")
        run.expect_text(owner, "3 of 4 done")
        run.screenshot(owner, "today")
        run.check_links(owner)

        run.step("create a goal fed by a task")
        run.open(owner, "/goals")
        run.click(owner, owner.find_element(By.LINK_TEXT, "New goal"))
        run.click(owner, owner.find_element(By.LINK_TEXT, "Reach a number of task completions"))
        run.fill(owner, "name", "Stretch 20 times")
        run.fill(owner, "target_value", "20")
        choice = owner.find_element(By.XPATH, "//label[contains(normalize-space(), 'Morning routine › Stretch')]/input")
        choice.click()
        run.click(owner, owner.find_element(By.CSS_SELECTOR, "form.stacked button[type=submit]"))
        run.expect_h1(owner, "Stretch 20 times")
        run.expect_text(owner, "1 / 20")

        run.step("a tracker's page")
        run.open(owner, f"/trackers/{routine}")
        run.expect_h1(owner, "Morning routine")
        run.screenshot(owner, "tracker")
        run.check_links(owner)

        if loop_db:
            run.step("import a Loop Habit Tracker backup through /import")
            run.open(owner, "/import")
            form = owner.find_element(By.CSS_SELECTOR, "form[action='/import'][enctype='multipart/form-data']")
            form.find_element(By.CSS_SELECTOR, "input[type=file][name=file]").send_keys(os.path.abspath(loop_db))
            dry = form.find_element(By.CSS_SELECTOR, "input[type=checkbox][name=dry_run]")
            if dry.is_selected():
                dry.click()
            run.click(owner, run.button(form, "Import"))
            run.expect_h1(owner, "Import finished")
            summary = owner.find_elements(By.CSS_SELECTOR, "dl.summary")
            print("  " + (summary[0].text.replace("\n", "; ") if summary else "(no summary list)"))
            run.open(owner, "/trackers")
            for name in ("Work out", "Test"):
                if not owner.find_elements(By.LINK_TEXT, name):
                    raise Failure(f"the imported habit {name!r} is not a tracker on /trackers")
            run.click(owner, owner.find_element(By.LINK_TEXT, "Work out"))
            run.expect_h1(owner, "Work out")
            run.click(owner, owner.find_element(By.LINK_TEXT, "Statistics"))
            # Loop's one check-in is on 2020-01-01: the year 2020 of the heatmap shows it
            run.open(owner, urllib.parse.urlsplit(owner.current_url).path + "?year=2020")
            if not owner.find_elements(By.CSS_SELECTOR, "svg.heatmap rect.hm-on"):
                raise Failure("the imported habit's heatmap of 2020 shows no day done")
        else:
            run.step("import a Loop Habit Tracker backup: SKIPPED, ../shared (its fixture) is absent")

        run.step("the dashboard")
        run.open(owner, "/stats")
        run.expect_h1(owner, "Statistics")
        if not owner.find_elements(By.CSS_SELECTOR, "svg.heatmap"):
            raise Failure("the dashboard has no heatmap")
        run.screenshot(owner, "dashboard")
        run.check_links(owner)

        run.step("a tracker's statistics with its heatmap")
        run.open(owner, f"/trackers/{routine}")
        run.click(owner, owner.find_element(By.LINK_TEXT, "Statistics"))
        run.expect_h1(owner, "Morning routine")
        if not owner.find_elements(By.CSS_SELECTOR, "svg.heatmap rect.hm-on"):
            raise Failure("the tracker's heatmap shows no day done, after today's check-ins")

        run.step("create a share link from the tracker's page")
        run.open(owner, f"/trackers/{routine}")
        share = owner.find_element(By.ID, "share")
        share.find_element(By.XPATH, ".//summary[normalize-space()='Create a share link']").click()
        run.fill(owner, "share_label", "For my coach")
        for name in ("show_tasks", "show_statuses"):
            box = share.find_element(By.CSS_SELECTOR, f"input[name={name}]")
            if not box.is_selected():
                box.click()
        share.find_element(By.CSS_SELECTOR, "select#share_expires option[value=never]").click()
        run.click(owner, run.button(share, "Create the link"))
        shown = owner.find_element(By.ID, "share_url").get_attribute("value")
        path = urllib.parse.urlsplit(shown).path
        if not re.fullmatch(r"/s/[A-Za-z0-9_-]{43}", path):
            raise Failure(f"the shown address is not a share link: {shown!r}")
        share_url = run.url(path)

        run.step("log out")
        run.click(owner, run.button(owner, "Log out"))
        run.open(owner, "/trackers")
        run.expect_h1(owner, "Log in")

        run.step("open the share link in a fresh browser")
        visitor = run.browser()
        run.open(visitor, share_url)
        run.expect_h1(visitor, "Morning routine")
        run.expect_text(visitor, "Stretch")
        if not visitor.find_elements(By.CSS_SELECTOR, "svg.heatmap"):
            raise Failure("the share page has no heatmap")
        run.screenshot(visitor, "share")
        run.check_links(visitor)

        run.step("log in again and turn the link off on /shares")
        run.open(owner, "/login")
        run.fill(owner, "email", EMAIL)
        run.fill(owner, "password", PASSWORD)
        run.click(owner, run.button(owner, "Log in"))
        run.expect_h1(owner, "Today")
        run.open(owner, "/shares")
        link = owner.find_element(By.XPATH, "//li[contains(@class,'share-link')][.//h2[contains(normalize-space(),'For my coach')]]")
        run.click(owner, run.button(link, "Turn off"))
        run.expect_h1(owner, "Share links")

        run.step("the turned-off link answers 404 in the fresh browser")
        run.open(visitor, share_url, allow_console=re.escape(share_url) + r" .*status of 404")
        run.expect_h1(visitor, "Link not found")
        status = fetch_status(share_url)
        if status != 404:
            run.problem(f"the turned-off link answers {status}, not 404")

        run.step("no late console messages in either browser")
        run.console(owner)
        run.console(visitor, allow=re.escape(share_url) + r" .*status of 404")
    except Exception:
        run.failure_shots(owner, visitor)
        raise
    finally:
        run.close(owner, visitor)


def main(argv):
    if len(argv) not in (3, 4):
        print("usage: e2e_browser.py BASE_URL OUT_DIR [LOOP_DB]", file=sys.stderr)
        return 2
    base, out = argv[1], argv[2]
    loop_db = argv[3] if len(argv) == 4 else None
    for path in (CHROMIUM, CHROMEDRIVER):
        if not os.access(path, os.X_OK):
            print(f"SKIP: {path} is not installed (apt-get install chromium chromium-driver)")
            return 77
    os.makedirs(out, exist_ok=True)
    for name in os.listdir(out):  # what an earlier run left
        if name.startswith("failure-"):
            os.remove(os.path.join(out, name))
    if not loop_db:
        print("notice: ../shared is absent: the Loop import step is skipped")
    run = Run(base, out)
    try:
        scenario(run, loop_db)
    except Failure as e:
        run.problem(str(e))
    except WebDriverException as e:  # an element not found, a page that never came
        run.problem(f"{type(e).__name__}: {e.msg}")
        print("".join(traceback.format_list(
            [f for f in traceback.extract_tb(e.__traceback__) if f.filename == __file__])), end="")
    except Exception as e:  # anything else: say where it happened
        run.problem(f"{type(e).__name__}: {e}")
        traceback.print_exc()
    print(f"{run.step_no} steps in {time.monotonic() - run.started:.1f} s; screenshots in {out}")
    if run.problems:
        print(f"{len(run.problems)} problem(s):")
        for p in run.problems:
            print("  " + p)
        return 1
    print("the browser test passed")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
