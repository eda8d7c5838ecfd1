/* The episode player: ±15 s, speed, chapters and transcript lines that move the player,
   and the sentence being spoken highlighted. Without JavaScript the page keeps the
   browser's own audio element and links to each line (#t=754). */
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

(function () {
    "use strict";
    var player = document.querySelector("[data-player]");
    if (!player) { return; }
    var audio = player.querySelector("audio");
    var controls = player.querySelector("[data-player-controls]");
    var toggle = controls.querySelector("[data-action=toggle]");
    var timeLabel = controls.querySelector("[data-player-time]");
    var speed = controls.querySelector("[data-action=speed]");
    var transcript = document.querySelector("[data-transcript]");
    var lines = Array.prototype.slice.call(document.querySelectorAll(".transcript__line[data-start]"));
    var chapters = Array.prototype.slice.call(document.querySelectorAll(".chapters__item[data-start]"));
    var current = null;
    var currentChapter = null;
    controls.hidden = false;

    function clock(seconds) {
        seconds = Math.max(0, Math.floor(seconds || 0));
        var h = Math.floor(seconds / 3600), m = Math.floor((seconds % 3600) / 60), s = seconds % 60;
        var mm = h ? String(m).padStart(2, "0") : String(m);
        return (h ? h + ":" : "") + mm + ":" + String(s).padStart(2, "0");
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

    function update() {
        var time = audio.currentTime;
        timeLabel.textContent = clock(time) + " / " + clock(audio.duration || 0);
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

    function showState() {
        toggle.textContent = audio.paused ? player.dataset.labelPlay : player.dataset.labelPause;
    }

    controls.addEventListener("click", function (event) {
        var action = event.target.closest("[data-action]");
        if (!action) { return; }
        if (action.dataset.action === "toggle") {
            if (audio.paused) { audio.play().catch(function () {}); } else { audio.pause(); }
        } else if (action.dataset.action === "back") {
            seek(Math.max(0, audio.currentTime - 15), false);
        } else if (action.dataset.action === "forward") {
            seek(audio.currentTime + 15, false);
        }
    });
    speed.addEventListener("change", function () { audio.playbackRate = parseFloat(speed.value); });
    audio.addEventListener("ratechange", function () { speed.value = String(audio.playbackRate); });
    audio.addEventListener("play", showState);
    audio.addEventListener("pause", showState);
    audio.addEventListener("timeupdate", update);
    audio.addEventListener("loadedmetadata", update);

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
