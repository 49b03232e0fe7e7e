#!/usr/bin/env python3
"""Drives the credsvc web console in a real browser.

Starts Debian's headless Chromium, and over the Chrome DevTools Protocol
(python3-websocket only) logs in to the console with an admin token, finds
the credential of an address, clicks its Revoke button, accepts the
confirmation prompt with a reason, and checks that the console then shows
the credential as revoked, with the reason as plain text (never as HTML),
and that the audit view filtered by the address shows the revocation. The
page must log no error (a Content-Security-Policy violation would be one).
A PNG screenshot of the credentials view is written in any case.

Exit status 0 when every check passed; 1 with a one-line reason otherwise.
"""

import argparse
import base64
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request

try:
    import websocket  # Debian: python3-websocket
except ImportError:
    sys.exit("drive_console: FAIL: python3-websocket is not installed (apt-get install python3-websocket)")


class Failure(Exception):
    pass


class DevTools:
    """One page's DevTools session: commands answered in order, events kept."""

    def __init__(self, ws_url):
        # Chromium refuses WebSocket clients that send an Origin it does not allow.
        self.ws = websocket.create_connection(ws_url, timeout=30, suppress_origin=True)
        self.next_id = 0
        self.on_event = None
        self.problems = []

    def send(self, method, params=None):
        self.next_id += 1
        self.ws.send(json.dumps({"id": self.next_id, "method": method, "params": params or {}}))
        return self.next_id

    def call(self, method, params=None):
        wanted = self.send(method, params)
        while True:
            message = json.loads(self.ws.recv())
            if message.get("id") == wanted:
                if "error" in message:
                    raise Failure(f"{method}: {message['error'].get('message')}")
                return message.get("result", {})
            if "method" in message:
                self.event(message)

    def event(self, message):
        method, params = message["method"], message.get("params", {})
        if method == "Runtime.exceptionThrown":
            details = params.get("exceptionDetails", {})
            self.problems.append("exception: " + details.get("exception", {}).get("description", details.get("text", "")))
        elif method == "Log.entryAdded" and params.get("entry", {}).get("level") == "error":
            entry = params["entry"]
            self.problems.append(f"{entry.get('source')}: {entry.get('text')} {entry.get('url', '')}".strip())
        elif method == "Runtime.consoleAPICalled" and params.get("type") == "error":
            self.problems.append("console.error: " + " ".join(str(a.get("value", a.get("description", ""))) for a in params.get("args", [])))
        if self.on_event:
            self.on_event(method, params)

    def evaluate(self, expression):
        result = self.call("Runtime.evaluate", {"expression": expression, "returnByValue": True, "awaitPromise": True})
        if "exceptionDetails" in result:
            raise Failure("script failed: " + result["exceptionDetails"].get("text", expression))
        return result.get("result", {}).get("value")

    def wait_for(self, expression, what, timeout=45.0):
        deadline = time.monotonic() + timeout
        while True:
            value = self.evaluate(expression)
            if value:
                return value
            if time.monotonic() > deadline:
                raise Failure(f"timed out waiting for {what}")
            time.sleep(0.2)

    def click(self, selector, what):
        point = self.evaluate(
            "(() => { const e = document.querySelector(%s); if (!e || e.disabled) return null;"
            " e.scrollIntoView({block: 'center'}); const r = e.getBoundingClientRect();"
            " return {x: r.x + r.width / 2, y: r.y + r.height / 2}; })()" % json.dumps(selector))
        if not point:
            raise Failure(f"no {what} to click ({selector})")
        for kind in ("mouseMoved", "mousePressed", "mouseReleased"):
            self.call("Input.dispatchMouseEvent",
                      {"type": kind, "x": point["x"], "y": point["y"], "button": "left", "clickCount": 1})

    def type_into(self, selector, text, what):
        self.click(selector, what)
        self.call("Input.insertText", {"text": text})

    def screenshot(self, path):
        data = self.call("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True})["data"]
        with open(path, "wb") as out:
            out.write(base64.b64decode(data))


def start_chromium(chromium, profile, log_path):
    log = open(log_path, "wb")
    process = subprocess.Popen(
        [chromium, "--headless=new", "--no-sandbox", "--ignore-certificate-errors", "--remote-debugging-port=0",
         "--user-data-dir=" + profile, "--no-first-run", "--no-default-browser-check", "--disable-gpu",
         "--disable-dev-shm-usage", "--window-size=1400,1000", "about:blank"],
        stdout=log, stderr=subprocess.STDOUT)
    port_file = os.path.join(profile, "DevToolsActivePort")
    deadline = time.monotonic() + 60
    while not os.path.exists(port_file) or os.path.getsize(port_file) == 0:
        if process.poll() is not None:
            raise Failure(f"chromium exited with {process.returncode} before DevTools was up (log: {log.name})")
        if time.monotonic() > deadline:
            raise Failure(f"chromium did not open DevTools within 60 s (log: {log.name})")
        time.sleep(0.1)
    port = int(open(port_file).read().split()[0])
    return process, port


def page_socket(port):
    deadline = time.monotonic() + 20
    while True:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=10) as response:
            targets = json.load(response)
        pages = [t for t in targets if t.get("type") == "page" and "webSocketDebuggerUrl" in t]
        if pages:
            return pages[0]["webSocketDebuggerUrl"]
        if time.monotonic() > deadline:
            raise Failure("chromium shows no page target")
        time.sleep(0.2)


def row_status(aor):
    return ("(() => { const rows = [...document.querySelectorAll('#credentials tbody tr')]"
            ".filter(r => r.dataset.aor === %s); return rows.map(r => r.dataset.status).join(','); })()" % json.dumps(aor))


def drive(tools, args):
    dialogs = []

    def on_event(method, params):
        if method == "Page.javascriptDialogOpening":
            dialogs.append(params)
            # The prompt blocks the page until it is answered: accept it with the reason.
            tools.send("Page.handleJavaScriptDialog", {"accept": True, "promptText": args.reason})

    tools.on_event = on_event
    for domain in ("Page", "Runtime", "Log"):
        tools.call(domain + ".enable")
    tools.call("Page.navigate", {"url": args.url})
    tools.wait_for("document.readyState === 'complete' && !!document.getElementById('login-form')", "the console page")
    if not tools.evaluate("!document.getElementById('login').hidden"):
        raise Failure("the login form is not shown to a new tab")

    tools.type_into("#token", args.token, "token field")
    tools.click("#login-button", "log-in button")
    tools.wait_for("!document.getElementById('console').hidden", "the console after logging in")
    if tools.evaluate("sessionStorage.getItem('credsvc.adminToken')") != args.token:
        raise Failure("the token is not kept in sessionStorage")
    if tools.evaluate("localStorage.length") != 0:
        raise Failure("something was written to localStorage")
    if tools.evaluate("document.getElementById('token').value") != "":
        raise Failure("the token field still holds the token")

    tools.wait_for(row_status(args.aor) + " === 'active'", f"{args.aor} listed as active")
    # The live subscriber count asks every running instance: the test's SIP
    # subscriber holds one certificate subscription.
    tools.click('#credentials tbody tr[data-aor=%s][data-status="active"] button.count' % json.dumps(args.aor),
                "Count button")
    live_cell = ("[...document.querySelectorAll('#credentials tbody tr')].find(r => r.dataset.aor === %s)"
                 ".querySelector('td.live').textContent" % json.dumps(args.aor))
    tools.wait_for(live_cell + ".startsWith('certificate ')", f"live subscribers of {args.aor}")
    live = tools.evaluate(live_cell)
    if not live.startswith("certificate 1, credential 0 (1 of 1 instances)"):
        raise Failure(f"expected the test's one certificate subscriber, the console shows {live!r}")
    print(f"live subscribers in the console: {live}", flush=True)
    tools.click('#credentials tbody tr[data-aor=%s][data-status="active"] button.revoke' % json.dumps(args.aor),
                "Revoke button")
    print("revoke confirmed in the browser", flush=True)
    if len(dialogs) != 1 or dialogs[0].get("type") != "prompt" or args.aor not in dialogs[0].get("message", ""):
        raise Failure(f"expected one confirmation prompt naming {args.aor}, got {dialogs}")

    tools.wait_for(row_status(args.aor) + " === 'revoked'", f"{args.aor} shown as revoked")
    detail = tools.evaluate(
        "[...document.querySelectorAll('#credentials tbody tr')].find(r => r.dataset.aor === %s).cells[6].textContent"
        % json.dumps(args.aor))
    if args.reason not in detail:
        raise Failure(f"the revoked line does not show the reason as text: {detail!r}")
    if tools.evaluate("document.querySelectorAll('#credentials img, #credentials script').length") != 0 or \
            tools.evaluate("window.__xss !== undefined"):
        raise Failure("data was parsed as HTML")
    message = tools.evaluate("document.getElementById('message').textContent")
    if "Revoked" not in message:
        raise Failure(f"no confirmation message, but {message!r}")
    tools.screenshot(args.screenshot)

    # The audit log, filtered by the address and a time span.
    tools.click('nav button[data-view="audit"]', "audit tab")
    tools.type_into("#audit-aor", args.aor, "address filter")
    tools.type_into("#audit-since", "1h", "since filter")
    tools.click('#audit-filter button[type="submit"]', "filter button")
    actions = tools.wait_for(
        "(() => { const rows = [...document.querySelectorAll('#audit tbody tr')].filter(r => r.cells.length > 3);"
        " return rows.length && rows.every(r => r.cells[3].textContent === %s)"
        " ? rows.map(r => r.cells[2].textContent + ' ' + r.cells[1].textContent) : null; })()" % json.dumps(args.aor),
        "the filtered audit log")
    if not any(a.startswith("revoke token:") for a in actions):
        raise Failure(f"the audit log shows no revocation by a token: {actions}")
    if args.audit_screenshot:
        tools.screenshot(args.audit_screenshot)

    time.sleep(0.5)  # late console errors, if any
    tools.evaluate("1")
    if tools.problems:
        raise Failure("the page logged errors: " + " | ".join(tools.problems))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chromium", default="chromium")
    parser.add_argument("--url", required=True, help="the console, https://HOST:PORT/console/")
    parser.add_argument("--token", required=True, help="an admin API token")
    parser.add_argument("--aor", required=True, help="the address whose credential to revoke")
    parser.add_argument("--reason", required=True)
    parser.add_argument("--screenshot", required=True, help="PNG of the credentials view")
    parser.add_argument("--audit-screenshot", help="PNG of the audit view")
    args = parser.parse_args()

    if shutil.which(args.chromium) is None:
        print(f"drive_console: FAIL: {args.chromium} not found: install Debian's chromium (apt-get install chromium)",
              file=sys.stderr)
        return 1
    profile = tempfile.mkdtemp(prefix="credsvc-console-")
    process = None
    tools = None
    try:
        log_path = os.path.splitext(args.screenshot)[0] + "-chromium.log"
        process, port = start_chromium(args.chromium, profile, log_path)
        tools = DevTools(page_socket(port))
        drive(tools, args)
        print(f"console screenshot: {args.screenshot}")
        return 0
    except (Failure, OSError, websocket.WebSocketException) as e:
        print(f"drive_console: FAIL: {e}", file=sys.stderr)
        if tools is not None:
            try:
                tools.screenshot(args.screenshot)
                print(f"console screenshot (at the failure): {args.screenshot}", file=sys.stderr)
            except Exception:  # the browser may be gone; the reason above matters more
                pass
        return 1
    finally:
        if tools is not None:
            tools.ws.close()
        if process is not None:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        shutil.rmtree(profile, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
