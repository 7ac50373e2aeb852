// Live reload for gen serve. The server adds this script to the HTML pages
// it sends; it is never part of the built site. It reloads the page after
// each good build, and shows the errors of a failed build in a banner over
// the last good page until the next good build.
(() => {
  "use strict";

  const bannerID = "gen-serve-build-error";
  let version = "";
  let events = null;

  // The server says hello on every connection. A version other than the
  // one this page was loaded with means a build happened while the page
  // was not listening, or the server restarted: the page is out of date.
  function connect() {
    events = new EventSource("/_gen/events");
    events.addEventListener("hello", (e) => {
      if (version !== "" && e.data !== version) {
        location.reload();
        return;
      }
      version = e.data;
    });
    events.addEventListener("reload", () => location.reload());
    events.addEventListener("build-error", (e) => showBanner(e.data));
  }

  // A browser opens at most six connections to one server over HTTP/1.1,
  // and each listening page holds one. Pages in the background let go of
  // theirs, so that many open tabs do not stall the server's pages; back
  // in front, they catch up through the hello.
  document.addEventListener("visibilitychange", () => {
    if (document.hidden) {
      events.close();
    } else if (events.readyState === EventSource.CLOSED) {
      connect();
    }
  });
  connect();

  // showBanner draws the errors as text (never as HTML: they quote the
  // data) in a fixed box, styled through the CSSOM so that a strict
  // Content-Security-Policy without 'unsafe-inline' allows it.
  function showBanner(text) {
    let banner = document.getElementById(bannerID);
    if (!banner) {
      banner = makeBanner();
      document.body.append(banner);
    }
    banner.querySelector("pre").textContent = text;
    banner.hidden = false;
  }

  function makeBanner() {
    const banner = document.createElement("section");
    banner.id = bannerID;
    banner.setAttribute("role", "alert");
    Object.assign(banner.style, {
      position: "fixed", left: "0", right: "0", bottom: "0", zIndex: "2147483647",
      maxHeight: "50vh", overflow: "auto", margin: "0", padding: "0.75rem 1rem",
      background: "#7f1d1d", color: "#fff", font: "14px/1.4 system-ui, sans-serif",
      boxShadow: "0 -2px 8px rgba(0, 0, 0, 0.4)",
    });
    const title = document.createElement("strong");
    title.textContent = "The build failed. This is the last good build; fix the errors and it reloads.";
    const hide = document.createElement("button");
    hide.type = "button";
    hide.textContent = "Hide";
    Object.assign(hide.style, { float: "right", font: "inherit" });
    hide.addEventListener("click", () => { banner.hidden = true; });
    const pre = document.createElement("pre");
    Object.assign(pre.style, {
      margin: "0.5rem 0 0", whiteSpace: "pre-wrap", overflowWrap: "anywhere",
      font: "13px/1.4 ui-monospace, monospace", color: "inherit", background: "none",
    });
    banner.append(hide, title, pre);
    return banner;
  }
})();
