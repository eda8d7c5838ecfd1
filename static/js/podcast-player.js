/* The show page's feed address: a read-only field anyone can select; with JavaScript a
   button copies it and says so to screen readers too. */
(function () {
    "use strict";
    var box = document.querySelector("[data-copy]");
    if (!box) { return; }
    var source = box.querySelector("[data-copy-source]");
    var button = box.querySelector("[data-copy-button]");
    var status = box.querySelector("[data-copy-status]");
    source.addEventListener("focus", function () { source.select(); });
    if (!navigator.clipboard) { return; }
    button.hidden = false;
    button.addEventListener("click", function () {
        navigator.clipboard.writeText(source.value).then(function () {
            status.textContent = button.getAttribute("data-copied");
        }, function () {
            source.focus();
            source.select();
        });
    });
})();

/* The episode player, progressively enhanced. Without JavaScript the browser's own audio
   controls are the player and each transcript line links to its second (#t=754). With it,
   the native bar goes and our controls take its place: play/pause, ±15 s, a position
   slider, speed; chapters and transcript lines move the player and the sentence being
   spoken is highlighted. A compact player stays at the bottom of the screen while the
   main one is scrolled away (reading the transcript on a phone). */
(function () {
    "use strict";
    var player = document.querySelector("[data-player]");
    if (!player) { return; }
    var audio = player.querySelector("audio");
    var controls = player.querySelector("[data-player-controls]");
    var mini = document.querySelector("[data-player-mini]");
    var toggles = Array.prototype.slice.call(document.querySelectorAll("[data-player] [data-action=toggle], [data-player-mini] [data-action=toggle]"));
    var timeLabels = Array.prototype.slice.call(document.querySelectorAll("[data-player] [data-player-time], [data-player-mini] [data-player-time]"));
    var slider = controls.querySelector("[data-action=seek]");
    var speed = controls.querySelector("[data-action=speed]");
    var transcript = document.querySelector("[data-transcript]");
    var lines = Array.prototype.slice.call(document.querySelectorAll(".transcript__line[data-start]"));
    var chapters = Array.prototype.slice.call(document.querySelectorAll(".chapters__item[data-start]"));
    var current = null;
    var currentChapter = null;
    var scrubbing = false;
    var shownSecond = -1;

    // One player: the browser's own bar goes, ours comes.
    audio.controls = false;
    controls.hidden = false;

    function clock(seconds) {
        seconds = Math.max(0, Math.floor(seconds || 0));
        var h = Math.floor(seconds / 3600), m = Math.floor((seconds % 3600) / 60), s = seconds % 60;
        var mm = h ? String(m).padStart(2, "0") : String(m);
        return (h ? h + ":" : "") + mm + ":" + String(s).padStart(2, "0");
    }

    function duration() {
        return isFinite(audio.duration) && audio.duration > 0 ? audio.duration : parseFloat(slider.max) || 0;
    }

    function seek(seconds, play) {
        var apply = function () {
            audio.currentTime = Math.min(seconds, audio.duration || seconds);
            update();
        };
        if (audio.readyState >= 1) { apply(); } else {
            audio.addEventListener("loadedmetadata", apply, { once: true });
            audio.load();
        }
        if (play) { audio.play().catch(function () {}); }
    }

    function lastStartingBefore(items, time) {
        var found = null;
        for (var i = 0; i < items.length; i++) {
            if (parseFloat(items[i].dataset.start) <= time + 0.05) { found = items[i]; } else { break; }
        }
        return found;
    }

    function showPosition(time) {
        var second = Math.floor(time);
        if (second === shownSecond) { return; }
        shownSecond = second;
        var total = clock(duration());
        timeLabels.forEach(function (label) { label.textContent = clock(second) + " / " + total; });
        slider.setAttribute("aria-valuetext", player.dataset.labelPosition
            .replace("{current}", clock(second)).replace("{total}", total));
        if (!scrubbing) { slider.value = String(second); }
    }

    function update() {
        var time = audio.currentTime;
        showPosition(time);
        var line = lastStartingBefore(lines, time);
        if (line !== current) {
            if (current) { current.classList.remove("is-current"); current.removeAttribute("aria-current"); }
            current = line;
            if (current) {
                current.classList.add("is-current");
                current.setAttribute("aria-current", "true");
                if (!audio.paused) { follow(current); }
            }
        }
        var chapter = lastStartingBefore(chapters, time);
        if (chapter !== currentChapter) {
            if (currentChapter) { currentChapter.classList.remove("is-current"); currentChapter.removeAttribute("aria-current"); }
            currentChapter = chapter;
            if (chapter) { chapter.classList.add("is-current"); chapter.setAttribute("aria-current", "true"); }
        }
    }

    // Keep the spoken line in view inside the transcript box, without moving the page.
    function follow(line) {
        if (!transcript) { return; }
        var top = line.offsetTop - transcript.offsetTop;
        if (top < transcript.scrollTop || top + line.offsetHeight > transcript.scrollTop + transcript.clientHeight) {
            transcript.scrollTop = Math.max(0, top - transcript.clientHeight / 3);
        }
    }

    // The label says what the button does (no aria-pressed beside a changing label).
    function showState() {
        var label = audio.paused ? player.dataset.labelPlay : player.dataset.labelPause;
        toggles.forEach(function (button) { button.textContent = label; });
    }

    function act(event) {
        var action = event.target.closest("[data-action]");
        if (!action || action.tagName === "SELECT" || action.tagName === "INPUT") { return; }
        if (action.dataset.action === "toggle") {
            if (audio.paused) { audio.play().catch(function () {}); } else { audio.pause(); }
        } else if (action.dataset.action === "back") {
            seek(Math.max(0, audio.currentTime - 15), false);
        } else if (action.dataset.action === "forward") {
            seek(audio.currentTime + 15, false);
        }
    }
    controls.addEventListener("click", act);
    if (mini) { mini.addEventListener("click", act); }

    // The slider: dragging or the arrow keys move the player; time updates leave it alone meanwhile.
    slider.addEventListener("input", function () {
        scrubbing = true;
        seek(parseFloat(slider.value), false);
    });
    slider.addEventListener("change", function () { scrubbing = false; });
    function setLength() {
        if (isFinite(audio.duration) && audio.duration > 0) { slider.max = String(Math.round(audio.duration)); }
        shownSecond = -1;
        update();
    }

    speed.addEventListener("change", function () { audio.playbackRate = parseFloat(speed.value); });
    audio.addEventListener("ratechange", function () { speed.value = String(audio.playbackRate); });
    audio.addEventListener("play", showState);
    audio.addEventListener("pause", showState);
    audio.addEventListener("timeupdate", update);
    audio.addEventListener("seeked", update);
    audio.addEventListener("loadedmetadata", setLength);
    audio.addEventListener("durationchange", setLength);

    // The compact player: shown while the main one is scrolled up out of view, and kept
    // while it holds the focus, so that a keyboard user never loses it under their hands.
    if (mini && "IntersectionObserver" in window) {
        var mainInView = true;
        var place = function (focusInside) {
            mini.hidden = mainInView && !focusInside;
        };
        // The root reaches far below the screen: "out of view" means scrolled up past it, and a
        // jump from below the screen to above it (a #t= link) still counts as a change.
        new IntersectionObserver(function (entries) {
            mainInView = entries[entries.length - 1].isIntersecting;
            place(mini.contains(document.activeElement));
        }, { rootMargin: "0px 0px 100000px 0px" }).observe(controls);
        mini.addEventListener("focusout", function (event) {
            place(mini.contains(event.relatedTarget));
        });
    }

    document.addEventListener("click", function (event) {
        var link = event.target.closest("[data-seek]");
        if (!link) { return; }
        event.preventDefault();
        var seconds = parseFloat(link.dataset.seek);
        if (history.replaceState) { history.replaceState(null, "", "#t=" + Math.floor(seconds)); }
        seek(seconds, true);
    });

    // Arriving from a search hit or a shared link (#t=754): start there.
    var match = /^#t=(\d+(?:\.\d+)?)$/.exec(window.location.hash);
    if (match) {
        // The line that carries this second's anchor, else the one being spoken then.
        var line = document.getElementById("t=" + match[1]) || lastStartingBefore(lines, parseFloat(match[1]));
        var start = line ? parseFloat(line.dataset.start) : parseFloat(match[1]);
        seek(start, false);
        if (line) {
            line.classList.add("is-current");
            line.setAttribute("aria-current", "true");
            current = line;
            follow(line);
            line.scrollIntoView({ block: "center" });
        }
    }
    showState();
})();
