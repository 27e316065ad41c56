// `--to html`: one self-contained HTML5 page of the transcript. The title, the speaker timeline
// (timeline.hpp, inlined SVG), the speakers with the timeline's colours and their shares, then
// the paragraphs of md and txt (paragraph_breaker: a speaker turn, cut at pauses and length
// where it has no speaker), each led by its time and a turn's first by the speaker, each cue a
// `<span data-start data-end>`; `--drop-sounds` as in md. With write_options::audio,
// an <audio> element, times that are links to the audio at that time (`URL#t=SECONDS`, which
// works without script) and a small inline script that seeks the player instead and marks the
// cue being played. The page needs the whole transcript before it can draw the timeline at its
// top, so it holds its body until `finish`.
#include <vttkit/timeline.hpp>
#include <vttkit/transform.hpp>

#include <algorithm>

#include <fmt/format.h>

#include "text/ascii.hpp"
#include "text/xml.hpp"
#include "write/format_writer.hpp"
#include "write/one_line.hpp"
#include "write/time_text.hpp"

namespace vttkit::detail {
namespace {

constexpr std::string_view style = R"(<style>
body{margin:0;font:17px/1.6 system-ui,sans-serif;color:#1a1a1a;background:#fff}
header,main,footer{max-width:52rem;margin:0 auto;padding:0 1rem}
h1{font-size:1.6rem;line-height:1.25}
h2{font-size:1.15rem;margin-top:2rem}
figure{margin:0;overflow-x:auto}
figure svg{max-width:100%;height:auto}
.speakers{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.4rem 1.5rem}
.swatch{display:inline-block;width:.9em;height:.9em;margin-right:.4em;vertical-align:-.1em;border-radius:2px}
.turn{margin:0 0 1rem}
.who{font-weight:bold;border-bottom:3px solid;margin-right:.4em}
.time{color:#4d4d4d;font-size:.9em;margin-right:.4em;font-variant-numeric:tabular-nums}
a.time{color:#0b57a4}
a:focus-visible{outline:3px solid #1a1a1a;outline-offset:2px}
.now{background:#ffe58a}
.player{position:sticky;top:0;background:#fff;padding:.5rem 0;border-bottom:1px solid #ccc}
.player audio{width:100%}
</style>
)";

constexpr std::string_view script = R"(<script>
(function () {
  var player = document.getElementById("player");
  if (!player) return;
  var cues = Array.prototype.slice.call(document.querySelectorAll("span[data-start]"));
  document.addEventListener("click", function (e) {
    var link = e.target.closest ? e.target.closest("a[data-seek]") : null;
    if (!link) return;
    e.preventDefault();
    player.currentTime = parseFloat(link.getAttribute("data-seek"));
    player.play();
  });
  var current = null;
  player.addEventListener("timeupdate", function () {
    var t = player.currentTime, hit = null;
    for (var i = 0; i < cues.length; i++) {
      var c = cues[i];
      if (t >= parseFloat(c.getAttribute("data-start")) && t < parseFloat(c.getAttribute("data-end"))) { hit = c; break; }
    }
    if (hit === current) return;
    if (current) current.classList.remove("now");
    if (hit) hit.classList.add("now");
    current = hit;
  });
})();
</script>
)";

/// Seconds with millisecond precision, as data attributes and media fragments take them.
std::string seconds(millis ms) { return fmt::format("{}.{:03}", ms / 1000, ms % 1000); }

/// The `Language:` header line's value when it looks like a language tag ("en", "pt-BR").
std::string language_of(std::string_view header_text) {
  while (!header_text.empty()) {
    const auto nl = header_text.find('\n');
    std::string_view line = header_text.substr(0, nl);
    header_text = nl == std::string_view::npos ? std::string_view{} : header_text.substr(nl + 1);
    if (!istarts_with(line, "language:")) continue;
    line.remove_prefix(9);
    while (!line.empty() && is_space(line.front())) line.remove_prefix(1);
    while (!line.empty() && is_space(line.back())) line.remove_suffix(1);
    const bool tag = !line.empty() && line.size() <= 35 &&
                     std::all_of(line.begin(), line.end(), [](char c) { return is_alnum(c) || c == '-'; });
    return tag ? std::string(line) : std::string();
  }
  return {};
}

class html_writer final : public format_writer {
 public:
  explicit html_writer(const write_options& o)
      : audio_(o.audio), paragraphs_(o.paragraphs), drop_sounds_(o.drop_sounds) {}

  void begin(std::string& /*out*/, const header& h) override {
    title_ = h.title.value_or("Transcript");
    if (title_.empty()) title_ = "Transcript";
    lang_ = language_of(h.text);
  }

  void write_cue(std::string& /*out*/, const cue& c) override {
    timeline_.push(c);
    // The paragraphs of md and txt (paragraph_breaker): turns, and in a turn without a speaker
    // also pauses and length; each led by its time, the first of a turn by the speaker too.
    if (drop_sounds_) dropped_ = drop_sound_tags(c.text);
    const std::string_view text = drop_sounds_ ? std::string_view(dropped_) : std::string_view(c.text);
    const paragraph_step step = paragraphs_.next(c, text);
    if (step.turn) {
      close_turn();
      turn_start_ = c.start;
      turn_named_ = false;
    }
    if (!has_line_text(text)) return;  // as in md: a cue without text adds nothing
    if (step.paragraph || !in_paragraph_) {
      close_turn();
      open_turn(c, turn_named_ ? c.start : turn_start_, !turn_named_);
      turn_named_ = true;
    }
    line_.clear();
    append_one_line(line_, text);
    // After the time a space; between two cues of a paragraph what joins their text (CJK:
    // nothing, as in md and txt).
    if (previous_.empty()) body_ += ' ';
    else append_cue_separator(body_, previous_, line_);
    previous_.assign(line_);
    body_ += fmt::format("<span data-start=\"{}\" data-end=\"{}\">", seconds(c.start), seconds(c.end));
    append_xml_escaped(body_, line_);
    body_ += "</span>";
  }

  void finish(std::string& out) override {
    close_turn();
    out += "<!DOCTYPE html>\n<html";
    if (!lang_.empty()) out += fmt::format(" lang=\"{}\"", lang_);
    out +=
        ">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>";
    append_xml_escaped(out, title_);
    out += "</title>\n";
    out += style;
    out += "</head>\n<body>\n<header>\n<h1>";
    append_xml_escaped(out, title_);
    out += "</h1>\n</header>\n<main>\n";
    append_overview(out);
    if (!audio_.empty()) {
      out += "<div class=\"player\"><audio id=\"player\" controls preload=\"metadata\" src=\"";
      append_xml_escaped(out, audio_);
      out += "\"></audio></div>\n";
    }
    out += "<section aria-labelledby=\"transcript\">\n<h2 id=\"transcript\">Transcript</h2>\n";
    out += body_;
    out += "</section>\n</main>\n";
    if (!audio_.empty()) out += script;
    out += "</body>\n</html>\n";
  }

 private:
  /// The timeline and the speakers with their colours and shares.
  void append_overview(std::string& out) const {
    out += "<section aria-labelledby=\"timeline\">\n<h2 id=\"timeline\">Who speaks when</h2>\n<figure>\n";
    out += timeline_.svg({.width = 1600, .title = ""});
    out += "</figure>\n";
    millis talk = 0;
    for (const auto& l : timeline_.lanes()) talk += l.talk_time;
    out += "<ul class=\"speakers\">\n";
    for (std::size_t i = 0; i < timeline_.lanes().size(); ++i) {
      const auto& l = timeline_.lanes()[i];
      out += fmt::format("<li><span class=\"swatch\" style=\"background:{}\"></span>", timeline_color(i));
      append_xml_escaped(out, l.speaker.empty() ? std::string_view{"(no speaker)"} : l.speaker);
      out += fmt::format(" {:.1f}%</li>\n",
                         talk > 0 ? 100.0 * static_cast<double>(l.talk_time) / static_cast<double>(talk) : 0.0);
    }
    out += "</ul>\n</section>\n";
  }

  /// Starts a paragraph: on a turn's first, the speaker in its lane's colour; then its time.
  void open_turn(const cue& c, millis start, bool named) {
    in_paragraph_ = true;
    previous_.clear();
    std::size_t lane = 0;
    while (lane < timeline_.lanes().size() && timeline_.lanes()[lane].speaker != c.speaker) ++lane;
    body_ += "<p class=\"turn\">";
    if (named && !c.speaker.empty()) {
      body_ += fmt::format("<span class=\"who\" style=\"border-color:{}\">", timeline_color(lane));
      append_xml_escaped(body_, c.speaker);
      body_ += "</span> ";
    }
    std::string clock;
    append_clock(clock, start);
    if (audio_.empty()) {
      body_ += fmt::format("<span class=\"time\">{}</span>", clock);
      return;
    }
    body_ += "<a class=\"time\" href=\"";
    append_xml_escaped(body_, audio_);
    body_ += fmt::format("#t={0}\" data-seek=\"{0}\" aria-label=\"Play from {1}\">{1}</a>", seconds(start), clock);
  }

  void close_turn() {
    if (in_paragraph_) body_ += "</p>\n";
    in_paragraph_ = false;
  }

  std::string audio_;
  std::string title_;
  std::string lang_;
  std::string body_;      ///< the transcript's paragraphs, held until the timeline is known
  std::string line_;      ///< scratch: a cue's text on one line
  std::string previous_;  ///< the text of the paragraph's last cue, empty at its start
  timeline timeline_;
  paragraph_breaker paragraphs_;
  bool drop_sounds_;
  std::string dropped_;  ///< scratch: the text without sound tags
  millis turn_start_ = 0;
  bool turn_named_ = false;  ///< the current turn has a paragraph
  bool in_paragraph_ = false;
};

}  // namespace

std::unique_ptr<format_writer> make_html_writer(const write_options& options) {
  return std::make_unique<html_writer>(options);
}

}  // namespace vttkit::detail
