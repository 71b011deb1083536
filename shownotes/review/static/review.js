// shownotes review: play the episode, read along, fix the chapters, save the sidecar.
// Plain JavaScript, no build step. Data from the transcript or the chapters file is only
// ever put into the page as text (textContent, input values), never as HTML.
"use strict";

(function () {
  const $ = (id) => document.getElementById(id);
  const state = JSON.parse($("state").textContent);
  const token = new URLSearchParams(location.search).get("token") || "";
  const long = state.duration >= 3600;
  const audio = $("audio");
  const lines = Array.from(document.querySelectorAll("#transcript .line"));
  const starts = lines.map((line) => Number(line.dataset.start));

  let chapters = [];
  let nextKey = 1;
  let selectedKey = null;
  let selectedLine = null;
  let playingLine = -1;
  let dirty = false;
  let busy = false;
  let manualScrollAt = 0;

  // --- time -------------------------------------------------------------------------------

  /** "M:SS" (or "H:MM:SS" for long episodes), with ".mmm" only when there is a fraction. */
  function formatTime(seconds, hours = long) {
    const ms = Math.round(seconds * 1000);
    const h = Math.floor(ms / 3600000);
    const m = Math.floor((ms % 3600000) / 60000);
    const s = Math.floor((ms % 60000) / 1000);
    const frac = ms % 1000;
    const pad = (n) => String(n).padStart(2, "0");
    let text = hours || h ? `${h}:${pad(m)}:${pad(s)}` : `${m}:${pad(s)}`;
    if (frac) text += "." + String(frac).padStart(3, "0");
    return text;
  }

  /** Seconds from "H:MM:SS(.mmm)", "M:SS(.mmm)" or plain seconds; NaN when it is not a time. */
  function parseTime(text) {
    const match = /^\s*(?:(?:(\d+):)?([0-5]?\d):)?(\d+(?:[.,]\d+)?)\s*$/.exec(String(text));
    if (!match) return NaN;
    const [, h, m, s] = match;
    const secs = Number(s.replace(",", "."));
    if ((h !== undefined || m !== undefined) && secs >= 60) return NaN;
    return Number(h || 0) * 3600 + Number(m || 0) * 60 + secs;
  }

  // --- chapters model ---------------------------------------------------------------------

  function load(list) {
    chapters = list.map((c) => ({ ...c, key: nextKey++ }));
    if (!chapters.some((c) => c.key === selectedKey)) selectedKey = chapters.length ? chapters[0].key : null;
  }

  function sortChapters() {
    chapters.sort((a, b) => a.start - b.start);
  }

  function indexOfKey(key) {
    return chapters.findIndex((c) => c.key === key);
  }

  function chapterAt(time) {
    let found = -1;
    chapters.forEach((c, i) => {
      if (c.start <= time + 0.001) found = i;
    });
    return found;
  }

  function markDirty() {
    dirty = true;
    setStatus("Unsaved changes", "dirty");
    document.title = "• " + document.title.replace(/^• /, "");
  }

  function change(fn, { rerender = true } = {}) {
    fn();
    markDirty();
    if (rerender) render();
    else validate();
  }

  function addChapter(start, title = "New chapter") {
    const chapter = { start: Math.round(start * 1000) / 1000, title, url: null, image: null, toc: true, reason: null, confidence: null, key: nextKey++ };
    change(() => {
      chapters.push(chapter);
      sortChapters();
      selectedKey = chapter.key;
    });
    focusCard(chapter.key, ".title", true);
  }

  function moveStart(key, start) {
    change(() => {
      const chapter = chapters[indexOfKey(key)];
      chapter.start = Math.round(start * 1000) / 1000;
      chapter.reason = null;
      chapter.confidence = null;
      sortChapters();
    });
  }

  function removeChapter(key) {
    if (chapters.length === 1) {
      showAlert("An episode keeps at least one chapter.");
      return;
    }
    const index = indexOfKey(key);
    change(() => {
      chapters.splice(index, 1);
      selectedKey = chapters[Math.min(index, chapters.length - 1)].key;
    });
  }

  function mergeWithNext(key) {
    const index = indexOfKey(key);
    if (index < 0 || index >= chapters.length - 1) return;
    change(() => chapters.splice(index + 1, 1));
  }

  // --- rendering --------------------------------------------------------------------------

  function el(tag, props = {}, children = []) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(props)) {
      if (name === "text") node.textContent = value;
      else if (name === "class") node.className = value;
      else if (name.startsWith("on")) node.addEventListener(name.slice(2), value);
      else if (value !== null && value !== undefined && value !== false) node.setAttribute(name, value === true ? "" : value);
    }
    for (const child of children) node.append(child);
    return node;
  }

  function card(chapter, index) {
    const key = chapter.key;
    const low = chapter.confidence !== null && chapter.confidence < state.lowConfidence;
    const classes = ["chapter"];
    if (key === selectedKey) classes.push("selected");
    if (!chapter.toc) classes.push("hidden-toc");
    if (low) classes.push("low");
    const item = el("li", { class: classes.join(" "), "data-key": key, onfocusin: () => select(key), onclick: () => select(key) });

    const start = el("input", { class: "start", "aria-label": `Start of chapter ${index + 1}`, spellcheck: "false" });
    start.value = formatTime(chapter.start);
    start.addEventListener("change", () => {
      const seconds = parseTime(start.value);
      if (Number.isNaN(seconds) || seconds < 0 || seconds >= state.duration) {
        start.classList.add("invalid");
        showAlert(`"${start.value}" is not a time inside the episode (0:00 to ${formatTime(state.duration)}).`);
        return;
      }
      moveStart(key, seconds);
      focusCard(key, ".start");
    });
    const title = el("input", { class: "title", "aria-label": `Title of chapter ${index + 1}` });
    title.value = chapter.title;
    title.addEventListener("input", () => change(() => { chapter.title = title.value; }, { rerender: false }));
    const play = el("button", { class: "play", type: "button", title: "Play from this chapter's start", "aria-label": `Play chapter ${index + 1}`, text: "▶", onclick: () => seek(chapter.start, true) });
    item.append(el("div", { class: "head" }, [start, play, title]));

    const meta = el("div", { class: "meta" });
    if (low) meta.append(el("span", { class: "badge low", title: "The detector was unsure about this chapter", text: `low confidence ${chapter.confidence.toFixed(2)}` }));
    else if (chapter.confidence !== null) meta.append(el("span", { class: "badge", text: `confidence ${chapter.confidence.toFixed(2)}` }));
    if (chapter.reason) meta.append(el("span", { class: "reason", text: chapter.reason }));
    if (!chapter.toc) meta.append(el("span", { class: "badge off", text: "hidden from contents" }));
    item.append(meta);

    const url = el("input", { class: "url", type: "url", placeholder: "https://…", id: `url-${key}` });
    const urlLabel = el("label", { for: `url-${key}`, text: "URL" });
    url.value = chapter.url || "";
    url.addEventListener("input", () => {
      change(() => { chapter.url = url.value.trim() || null; }, { rerender: false });
      markEmpty(url, urlLabel);
    });
    const image = el("input", { class: "image", placeholder: "image file or URL", id: `image-${key}` });
    const imageLabel = el("label", { for: `image-${key}`, text: "Image" });
    image.value = chapter.image || "";
    image.addEventListener("input", () => {
      change(() => { chapter.image = image.value.trim() || null; }, { rerender: false });
      markEmpty(image, imageLabel);
    });
    markEmpty(url, urlLabel);
    markEmpty(image, imageLabel);
    item.append(el("div", { class: "fields" }, [urlLabel, url, imageLabel, image]));

    const toc = el("input", { type: "checkbox", class: "toc" });
    toc.checked = chapter.toc;
    toc.addEventListener("change", () => {
      change(() => { chapter.toc = toc.checked; });
      focusCard(key, ".toc");
    });
    item.append(el("div", { class: "tools" }, [
      el("label", { title: "Unticked: a silent marker, left out of the table of contents" }, [toc, "In contents"]),
      el("button", { class: "to-now", type: "button", text: "Start at playback time", onclick: () => moveStart(key, audio.currentTime) }),
      el("button", { class: "merge", type: "button", text: "Merge with next", disabled: index === chapters.length - 1, onclick: () => mergeWithNext(key) }),
      el("button", { class: "delete", type: "button", text: "Delete", onclick: () => removeChapter(key) }),
    ]));
    return item;
  }

  function render() {
    const list = $("chapters");
    list.replaceChildren(...chapters.map(card));
    $("count").textContent = `(${chapters.length})`;
    lines.forEach((line) => line.classList.remove("boundary"));
    for (const chapter of chapters) {
      const i = lineAt(chapter.start);
      if (i >= 0 && Math.abs(starts[i] - chapter.start) < 0.5) lines[i].classList.add("boundary");
    }
    highlightChapter();
    validate();
  }

  /** Problems the server would refuse, shown before saving; returns whether all is well. */
  function validate() {
    const problems = [];
    document.querySelectorAll("#chapters .chapter").forEach((item, i) => {
      const input = item.querySelector(".title");
      const empty = !chapters[i].title.trim();
      input.classList.toggle("invalid", empty);
      if (empty) problems.push(`chapter ${i + 1} has no title`);
    });
    const notice = $("notice");
    const first = chapters[0];
    if (first && first.start > 0) {
      notice.textContent = `The first chapter starts at ${formatTime(first.start)}; players expect one at ${formatTime(0)}.`;
      notice.hidden = false;
    } else {
      notice.hidden = true;
    }
    return problems;
  }

  /** Empty URL and image fields show only on the selected chapter. */
  function markEmpty(input, label) {
    const empty = !input.value.trim();
    input.classList.toggle("empty", empty);
    label.classList.toggle("empty", empty);
  }

  function select(key) {
    if (selectedKey === key) return;
    selectedKey = key;
    document.querySelectorAll("#chapters .chapter").forEach((item) => {
      item.classList.toggle("selected", Number(item.dataset.key) === key);
    });
  }

  function focusCard(key, selector, selectText = false) {
    const item = document.querySelector(`#chapters .chapter[data-key="${key}"]`);
    if (!item) return;
    item.scrollIntoView({ block: "nearest" });
    const target = item.querySelector(selector);
    if (target) {
      target.focus();
      if (selectText && target.select) target.select();
    }
  }

  // --- audio and transcript ---------------------------------------------------------------

  function lineAt(time) {
    let lo = 0;
    let hi = starts.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (starts[mid] <= time + 0.001) {
        found = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return found;
  }

  function seek(time, play = false) {
    audio.currentTime = time;
    highlight(time);
    if (play) audio.play().catch(() => {});
  }

  function highlight(time) {
    const index = lineAt(time);
    if (index !== playingLine) {
      if (playingLine >= 0) lines[playingLine].classList.remove("playing");
      playingLine = index;
      if (index >= 0) {
        lines[index].classList.add("playing");
        keepInView(lines[index]);
      }
    }
    $("now").textContent = formatTime(Math.floor(time));
    highlightChapter(time);
  }

  function keepInView(line) {
    if (Date.now() - manualScrollAt < 4000) return;
    const box = $("transcript").getBoundingClientRect();
    const rect = line.getBoundingClientRect();
    if (rect.top < box.top || rect.bottom > box.bottom) line.scrollIntoView({ block: "center" });
  }

  function highlightChapter(time = audio.currentTime) {
    const current = chapterAt(time);
    document.querySelectorAll("#chapters .chapter").forEach((item, i) => {
      item.classList.toggle("playing", i === current);
    });
  }

  function selectLine(line) {
    if (selectedLine) {
      selectedLine.classList.remove("selected");
      selectedLine.querySelector(".use-line").tabIndex = -1;
    }
    selectedLine = line;
    line.classList.add("selected");
    line.querySelector(".use-line").tabIndex = 0; // reachable with Tab from its line
  }

  /** One tab stop for the whole transcript (roving tabindex): arrows move between lines. */
  function focusLine(index) {
    const line = lines[Math.max(0, Math.min(lines.length - 1, index))];
    lines.forEach((other) => { if (other !== line) other.tabIndex = -1; });
    line.tabIndex = 0;
    line.focus();
  }

  $("transcript").addEventListener("keydown", (event) => {
    const line = event.target.classList.contains("line") ? event.target : null;
    if (!line || event.ctrlKey || event.metaKey || event.altKey) return;
    const index = lines.indexOf(line);
    const moves = { ArrowDown: index + 1, ArrowUp: index - 1, Home: 0, End: lines.length - 1 };
    if (event.key in moves) {
      event.preventDefault();
      focusLine(moves[event.key]);
    } else if (event.key === "Enter") {
      event.preventDefault();
      selectLine(line);
      seek(Number(line.dataset.start));
    }
  });

  $("transcript").addEventListener("click", (event) => {
    const line = event.target.closest(".line");
    if (!line) return;
    selectLine(line);
    const start = Number(line.dataset.start);
    if (event.target.closest(".use-line")) {
      if (selectedKey === null) addChapter(start);
      else moveStart(selectedKey, start);
      return;
    }
    seek(start);
  });
  for (const kind of ["wheel", "touchmove"]) {
    $("transcript").addEventListener(kind, () => { manualScrollAt = Date.now(); }, { passive: true });
  }
  audio.addEventListener("timeupdate", () => highlight(audio.currentTime));
  audio.addEventListener("seeked", () => highlight(audio.currentTime));

  // --- saving -----------------------------------------------------------------------------

  function setStatus(text, kind = "") {
    const status = $("status");
    status.textContent = text;
    status.className = "status " + kind;
  }

  function showAlert(text, { info = false, reload = false } = {}) {
    $("alert-text").textContent = text;
    $("alert").classList.toggle("info", info);
    $("reload").hidden = !reload;
    $("alert").hidden = false;
  }

  function hideAlert() {
    $("alert").hidden = true;
  }

  async function save(publish = false) {
    if (busy) return;
    const problems = validate();
    if (problems.length) {
      showAlert("Not saved: " + problems.join("; ") + ".");
      return;
    }
    busy = true;
    setStatus(publish ? "Saving and publishing…" : "Saving…");
    const body = {
      version: state.version,
      publish,
      chapters: chapters.map(({ start, title, url, image, toc }) => ({ start, title, url, image, toc })),
    };
    try {
      const response = await fetch("/api/save?token=" + encodeURIComponent(token), {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(body),
      });
      const answer = await response.json();
      if (!response.ok) {
        setStatus("Not saved", "dirty");
        showAlert("Not saved: " + answer.error, { reload: response.status === 409 });
        return;
      }
      state.version = answer.version;
      state.origin = "edited";
      load(answer.chapters);
      render();
      dirty = false;
      document.title = document.title.replace(/^• /, "");
      setStatus("Saved", "saved");
      $("origin").textContent = originText();
      if (answer.publishError) showAlert("Saved, but publishing failed: " + answer.publishError);
      else if (answer.published) showAlert("Saved and published.\n" + answer.published.join("\n"), { info: true });
      else hideAlert();
    } catch (error) {
      setStatus("Not saved", "dirty");
      showAlert("Not saved: the review server did not answer (is shownotes review still running?).");
    } finally {
      busy = false;
    }
  }

  function originText() {
    return {
      edited: "edited by hand",
      generated: "detected, not reviewed yet",
      detected: "detected, not saved yet",
    }[state.origin] || "";
  }

  // --- keyboard ---------------------------------------------------------------------------

  function typing(target) {
    return target.closest("input, textarea, select, [contenteditable]") !== null;
  }

  function toggleHelp(show = $("help").hidden) {
    $("help").hidden = !show;
    if (show) $("help-close").focus();
  }

  function step(direction) {
    if (!chapters.length) return;
    const current = indexOfKey(selectedKey);
    const playing = chapterAt(audio.currentTime);
    const from = current >= 0 ? current : playing;
    const index = Math.max(0, Math.min(chapters.length - 1, from + direction));
    select(chapters[index].key);
    seek(chapters[index].start);
    document.querySelector(`#chapters .chapter[data-key="${chapters[index].key}"]`)?.scrollIntoView({ block: "nearest" });
  }

  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape") {
      if (!$("help").hidden) toggleHelp(false);
      else if (typing(event.target)) event.target.blur();
      return;
    }
    if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === "s") {
      event.preventDefault();
      save();
      return;
    }
    if (event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) return;
    if (!$("help").hidden && event.key !== "?") return;
    const key = event.key.length === 1 ? event.key.toLowerCase() : event.key;
    const actions = {
      " ": () => (audio.paused ? audio.play().catch(() => {}) : audio.pause()),
      j: () => step(-1),
      k: () => step(1),
      m: () => addChapter(audio.currentTime),
      s: () => save(),
      "?": () => toggleHelp(),
    };
    if (key in actions) {
      event.preventDefault();
      actions[key]();
    }
  });

  /** Ask the server for the chapters detection gives with ``count`` of them; they replace
   *  the list as unsaved changes (the file on disk is untouched until Save). */
  async function redetect(count) {
    if (busy) return;
    if (!(Number.isInteger(count) && count >= 1 && count <= state.maxChapters)) {
      showAlert(`Ask for 1 to ${state.maxChapters} chapters.`);
      return;
    }
    if (dirty && !confirm("Replace your unsaved changes with the chapters detection gives?")) return;
    busy = true;
    setStatus("Detecting…");
    try {
      const query = `count=${count}&token=${encodeURIComponent(token)}`;
      const response = await fetch("/api/detect?" + query);
      const answer = await response.json();
      if (!response.ok) {
        if (dirty) setStatus("Unsaved changes", "dirty");
        else setStatus("");
        showAlert("Not detected: " + answer.error);
        return;
      }
      change(() => load(answer.chapters));
      hideAlert();
      setStatus(`Detected ${answer.chapters.length} chapters, unsaved`, "dirty");
    } catch (error) {
      showAlert("Not detected: the review server did not answer (is shownotes review still running?).");
    } finally {
      busy = false;
    }
  }

  $("redetect").addEventListener("submit", (event) => {
    event.preventDefault();
    redetect(Number($("redetect-count").value));
  });
  $("save").addEventListener("click", () => save());
  $("publish").addEventListener("click", () => save(true));
  $("add").addEventListener("click", () => addChapter(audio.currentTime));
  $("help-button").addEventListener("click", () => toggleHelp());
  $("help-close").addEventListener("click", () => toggleHelp(false));
  $("help").addEventListener("click", (event) => { if (event.target === $("help")) toggleHelp(false); });
  $("alert-close").addEventListener("click", hideAlert);
  $("reload").addEventListener("click", () => { dirty = false; location.reload(); });
  window.addEventListener("beforeunload", (event) => { if (dirty) event.preventDefault(); });

  load(state.chapters);
  render();
  $("origin").textContent = originText();
  if (!token) showAlert("Read-only: open the address that 'shownotes review' printed to be able to save.");
  highlight(0);

  // for the tests and the curious: the pure helpers and the current chapters
  window.shownotesReview = { formatTime, parseTime, chapters: () => chapters.map((c) => ({ ...c })), save };
})();
