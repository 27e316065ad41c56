// `--to md`: a Markdown transcript. `# title` when there is one, then paragraphs as
// `paragraph_breaker` cuts them, each led by its time `[HH:MM:SS]`, the first of a speaker
// turn by `**Speaker** ` before it; the text of its cues joined by single spaces (or as
// `fragment_separator` joins CJK text), markup characters backslash-escaped. Cues without
// text are left out: a turn of such cues writes no paragraph. The time of a turn's first
// paragraph is that of the turn's first cue.
#include "write/format_writer.hpp"
#include "write/one_line.hpp"
#include "write/time_text.hpp"

namespace vttkit::detail {
namespace {

bool is_markup(char c) noexcept {
  return c == '\\' || c == '*' || c == '_' || c == '`' || c == '[' || c == ']' || c == '<' || c == '>' || c == '#';
}

/// Markdown text on one line (as append_one_line), with a backslash before each character
/// Markdown would read as markup. Paragraphs here always start with the speaker or the time,
/// so a leading `-`, `+` or `1.` in the text can never start a list.
void append_markdown(std::string& out, std::string_view s) {
  bool pending_space = false;
  bool line_break = false;   // the white space before `i` holds one
  bool any = false;          // something written yet: leading white space is dropped
  std::size_t word_end = 0;  // where the white space before `i` starts
  std::size_t i = 0;
  while (i < s.size()) {
    if (is_line_space(s[i])) {
      if (!pending_space) word_end = i, line_break = false;
      line_break = line_break || s[i] == '\n';
      pending_space = any;
      ++i;
      continue;
    }
    if (pending_space) out += fragment_separator(s.substr(0, word_end), s.substr(i), !line_break);
    pending_space = false;
    any = true;
    auto j = i;
    while (j < s.size() && !is_line_space(s[j]) && !is_markup(s[j])) ++j;
    out.append(s.substr(i, j - i));  // a run of ordinary characters at once
    if (j < s.size() && is_markup(s[j])) {
      out += '\\';
      out += s[j++];
    }
    i = j;
  }
}

class md_writer final : public format_writer {
 public:
  explicit md_writer(const write_options& options)
      : paragraphs_(options.paragraphs), drop_sounds_(options.drop_sounds) {}

  void begin(std::string& out, const header& h) override {
    if (!h.title) return;
    out += "# ";
    append_markdown(out, *h.title);
    out += "\n\n";
  }

  void write_cue(std::string& out, const cue& c) override {
    if (drop_sounds_) dropped_ = drop_sound_tags(c.text);
    const std::string_view text = drop_sounds_ ? std::string_view(dropped_) : std::string_view(c.text);
    const paragraph_step step = paragraphs_.next(c, text);
    if (step.turn) {
      turn_start_ = c.start;
      turn_named_ = false;
    }
    if (!has_line_text(text)) return;  // a cue without text adds no words or spaces
    if (!step.paragraph) {
      append_cue_separator(out, previous_, text);
      append_markdown(out, text);
      previous_.assign(text);
      return;
    }
    if (any_) out += "\n\n";
    if (!c.speaker.empty() && !turn_named_) {
      out += "**";
      append_markdown(out, c.speaker);
      out += "** ";
    }
    out += '[';
    append_clock(out, turn_named_ ? c.start : turn_start_);
    out += "] ";
    append_markdown(out, text);
    previous_.assign(text);
    turn_named_ = any_ = true;
  }

  void finish(std::string& out) override {
    if (any_) out += '\n';
  }

 private:
  paragraph_breaker paragraphs_;
  bool drop_sounds_;
  std::string dropped_;      // the text without sound tags, reused
  std::string previous_;     // the text of the cue written last: what the next joins
  millis turn_start_ = 0;    // start of the current turn's first cue
  bool turn_named_ = false;  // the current turn has a paragraph
  bool any_ = false;         // a paragraph written
};

}  // namespace

std::unique_ptr<format_writer> make_md_writer(const write_options& options) {
  return std::make_unique<md_writer>(options);
}

}  // namespace vttkit::detail
